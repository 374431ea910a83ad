import java.nio.file.*; import java.util.*; import java.util.zip.*;
import com.jcraft.jzlib.JZlib;
/**
 * What permessage-deflate costs per message, as wsecho compresses (raw deflate, a sync flush per
 * message, the 4-byte tail dropped): ratio and speed of the JDK's zlib, JZlib at smaller windows,
 * and Huffman-only, with and without context takeover; then small chat-like messages.
 *
 *   java -cp ~/.m2/repository/com/jcraft/jzlib/1.1.3/jzlib-1.1.3.jar bench/deflate/DeflateCost.java FILE...
 *
 * FILEs are split into 64 KiB messages (the Autobahn|Testsuite data: testdata/data1.json,
 * data1.html, pg2229.txt in the suite's sources); a 4 KiB JSON message is always added.
 * See docs/explanation/transport.md (compression memory).
 */
public class DeflateCost {
  interface C { int compress(byte[] in, int off, int len, byte[] out); void reset(); }
  static C jdk(int level, int strategy) { Deflater d = new Deflater(level, true); d.setStrategy(strategy);
    return new C() { public int compress(byte[] in,int off,int len, byte[] out){ d.setInput(in,off,len); int n=d.deflate(out,0,out.length,Deflater.SYNC_FLUSH); return n-4;} public void reset(){d.reset();} }; }
  static C jz(int level, int bits, int mem) { com.jcraft.jzlib.Deflater[] d = new com.jcraft.jzlib.Deflater[1];
    Runnable init = () -> { try { d[0] = new com.jcraft.jzlib.Deflater(level, bits, mem, JZlib.WrapperType.NONE);} catch(Exception e){throw new RuntimeException(e);} }; init.run();
    return new C() { public int compress(byte[] in,int off,int len, byte[] out){ var z=d[0]; z.setInput(in,off,len,false); z.setOutput(out,0,out.length); z.deflate(JZlib.Z_SYNC_FLUSH); return z.next_out_index-4;} public void reset(){ d[0].end(); init.run(); } }; }
  public static void main(String[] a) throws Exception {
    SmallMessages.run();
    Map<String, byte[]> data = new LinkedHashMap<>();
    for (String f : a) data.put(Path.of(f).getFileName().toString(), Files.readAllBytes(Path.of(f)));
    StringBuilder sb = new StringBuilder(); int k=0; while (sb.length() < 4096) sb.append("{\"id\":").append(k++).append(",\"name\":\"user").append(k%97).append("\",\"tags\":[\"a\",\"b\"],\"ok\":true},");
    data.put("json4k", sb.substring(0,4096).getBytes());
    // chat-like small messages
    byte[] out = new byte[40<<20];
    String[] names = {"jdk-l6-w15","jdk-l1-w15","jz-l6-w15-m8","jz-l6-w12-m5","jz-l6-w9-m2","jz-l1-w9-m2","jdk-huffman"};
    for (var e : data.entrySet()) {
      byte[] in = e.getValue(); int msg = Math.min(in.length, 65536);
      for (String n : names) {
        for (boolean ctx : new boolean[]{false,true}) {
        C c = make(n); long best=Long.MAX_VALUE; long outBytes=0; long inBytes=0;
        for (int rep=0; rep<7; rep++) { long t0=System.nanoTime(); outBytes=0; inBytes=0;
          for (int off=0; off<in.length; off+=msg) { int len=Math.min(msg,in.length-off); if(!ctx) c.reset(); outBytes += c.compress(in,off,len,out); inBytes+=len; }
          long t=System.nanoTime()-t0; if (rep>=2) best=Math.min(best,t); c.reset(); }
        System.out.printf("%-14s %-22s ctx=%-5s msg=%6d ratio=%.3f  %.1f MB/s%n", e.getKey(), n, ctx, msg, outBytes/(double)inBytes, inBytes/1e6/(best/1e9));
        }
      }
    }
  }
  static C make(String n){ return switch(n){ case "jdk-l6-w15"->jdk(6,Deflater.DEFAULT_STRATEGY); case "jdk-l1-w15"->jdk(1,Deflater.DEFAULT_STRATEGY); case "jz-l6-w15-m8"->jz(6,15,8); case "jz-l6-w12-m5"->jz(6,12,5); case "jz-l6-w9-m2"->jz(6,9,2); case "jz-l1-w9-m2"->jz(1,9,2); default->jdk(6,Deflater.HUFFMAN_ONLY);}; }
}

class SmallMessages {
  static void run() {
    Random r = new Random(1); String[] users={"alice","bob","carol","dave"}; String[] words={"hello","there","how","are","you","fine","thanks","websocket","echo","server","message","today"};
    List<byte[]> msgs = new ArrayList<>();
    for (int i=0;i<20000;i++){ StringBuilder t=new StringBuilder(); for(int w=0;w<3+r.nextInt(8);w++) t.append(words[r.nextInt(words.length)]).append(' ');
      msgs.add(("{\"type\":\"message\",\"id\":"+i+",\"user\":\""+users[r.nextInt(4)]+"\",\"text\":\""+t.toString().trim()+"\",\"ts\":"+(1764700000000L+i*137)+"}").getBytes()); }
    byte[] out = new byte[4096];
    for (boolean ctx : new boolean[]{true,false}) for (int level : new int[]{1,6}) {
      long best=Long.MAX_VALUE, in=0, outb=0;
      for (int rep=0;rep<5;rep++){ Deflater d=new Deflater(level,true); in=0; outb=0; long t0=System.nanoTime();
        for (byte[] m: msgs){ if(!ctx) d.reset(); d.setInput(m); int n=d.deflate(out,0,out.length,Deflater.SYNC_FLUSH); outb+=n-4; in+=m.length; }
        long t=System.nanoTime()-t0; d.end(); if(rep>=1) best=Math.min(best,t);}
      System.out.printf("chat-msgs avg=%dB contextTakeover=%s level=%d ratio=%.3f  %.2f us/msg%n", in/msgs.size(), ctx, level, outb/(double)in, best/1e3/msgs.size());
    }
  }
}
