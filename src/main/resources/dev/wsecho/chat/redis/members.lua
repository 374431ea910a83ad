-- ARGV: prefix. Returns the live members in join order, forgetting those of dead instances.
return members()
