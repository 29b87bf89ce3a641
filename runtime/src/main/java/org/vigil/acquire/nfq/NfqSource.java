package org.vigil.acquire.nfq;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The inline packet source on Linux NFQUEUE. Binds a queue through libnetfilter_queue (JNA), then
 * receives the queued packets with recv() into a direct buffer, parses the nfqueue messages in
 * Java, asks the {@link PacketHandler} for each packet's verdict and sends the verdicts back in
 * batches, several netlink messages per send(), on the same socket. Every packet gets a verdict,
 * also when the handler throws. What a verdict means beyond accept, drop and repeat (flow drops,
 * rejects) is the handler's business.
 */
public final class NfqSource implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(NfqSource.class.getName());
  private static final short AF_INET = 2, AF_INET6 = 10;
  private static final byte NFQNL_COPY_PACKET = 2;
  private static final int NFQA_CFG_F_FAIL_OPEN = 1;

  /** Receive room per packet: the largest copy (65535) plus the netlink and nfqueue headers. */
  private static final int RX_SLOT = 65536 + 4096;

  /** struct mmsghdr and struct iovec sizes on 64-bit Linux. */
  private static final int MMSGHDR = 64, IOVEC = 16;

  private static final int TX_BYTES = 1024 * NfqMessages.VERDICT_MARK_LEN;

  private final NfqOptions options;
  private final NfqNative.NetfilterQueue nfq;
  private final Pointer handle;
  private final Pointer queueHandle;
  private final int fd;
  private final NfqNative.PacketCallback setupCallback;
  private final ArrayDeque<SetupPacket> setupPackets = new ArrayDeque<>();

  private final int rxSlots;
  private final Memory rxMemory;
  private final ByteBuffer rx;
  private final Memory mmsg;
  private final Memory iov;
  private final Memory txMemory = new Memory(TX_BYTES);
  private final ByteBuffer tx = txMemory.getByteBuffer(0, TX_BYTES).order(ByteOrder.BIG_ENDIAN);
  private final NfqPacket packet = new NfqPacket();
  private int txLength;
  private int txCount;
  private int seq;

  private volatile boolean running;
  private volatile boolean closed;
  private volatile long published;
  private CountDownLatch loopDone = new CountDownLatch(0);

  private long received,
      accepted,
      dropped,
      repeated,
      handlerFailures,
      malformed,
      enobufs,
      sendErrors,
      verdictErrors,
      verdictSends;

  /** A captured packet that libnetfilter_queue delivered while it was reading during setup. */
  private record SetupPacket(
      int id, int hwProtocol, int hook, int mark, int in, int out, byte[] payload) {}

  private NfqSource(NfqOptions options) {
    this.options = options;
    this.rxSlots = options.receiveBatch();
    this.rxMemory = new Memory((long) RX_SLOT * rxSlots);
    this.rx = rxMemory.getByteBuffer(0, (long) RX_SLOT * rxSlots).order(ByteOrder.BIG_ENDIAN);
    this.mmsg = new Memory((long) MMSGHDR * rxSlots);
    this.iov = new Memory((long) IOVEC * rxSlots);
    mmsg.clear();
    for (int i = 0; i < rxSlots; i++) {
      iov.setPointer((long) IOVEC * i, rxMemory.share((long) RX_SLOT * i));
      iov.setLong((long) IOVEC * i + 8, RX_SLOT);
      mmsg.setPointer((long) MMSGHDR * i + 16, iov.share((long) IOVEC * i)); // msg_iov
      mmsg.setLong((long) MMSGHDR * i + 24, 1); // msg_iovlen
    }
    this.nfq = NfqNative.netfilterQueue();
    NfqNative.Nfnetlink nfnl = NfqNative.nfnetlink();
    this.setupCallback = this::onSetupPacket;
    int q = options.queue();
    Pointer h = nfq.nfq_open();
    if (h == null)
      throw new NfqException(
          "cannot open a netfilter netlink socket: " + NfqNative.describe(Native.getLastError()));
    this.handle = h;
    Pointer qh = null;
    try {
      for (short pf : new short[] {AF_INET, AF_INET6}) {
        if (nfq.nfq_unbind_pf(h, pf) < 0) failSetup("unbind protocol family " + pf, q);
        if (nfq.nfq_bind_pf(h, pf) < 0) failSetup("bind protocol family " + pf, q);
      }
      qh = nfq.nfq_create_queue(h, (short) q, setupCallback, null);
      if (qh == null) {
        int errno = Native.getLastError();
        // the protocol-family commands above already needed CAP_NET_ADMIN, so EPERM here means the
        // kernel
        // refused because another socket owns the queue (EBUSY: this socket already bound it)
        if (errno == NfqNative.EBUSY || errno == NfqNative.EPERM) {
          KernelQueueCounters owner = KernelQueueCounters.read(KernelQueueCounters.PROC, q);
          throw new NfqException(
              "NFQUEUE "
                  + q
                  + " is already bound by another process"
                  + (owner != null
                      ? " (netlink port id " + owner.peerPortId() + ", usually its pid)"
                      : "")
                  + "; choose another queue number or stop that process ("
                  + NfqNative.describe(errno)
                  + ")");
        }
        failSetup(errno, "bind queue", q);
      }
      if (nfq.nfq_set_mode(qh, NFQNL_COPY_PACKET, options.copyRange()) < 0)
        failSetup("set copy-packet mode", q);
      if (nfq.nfq_set_queue_maxlen(qh, options.maxQueueLength()) < 0)
        failSetup("set the queue length", q);
      if (options.failOpen()
          && nfq.nfq_set_queue_flags(qh, NFQA_CFG_F_FAIL_OPEN, NFQA_CFG_F_FAIL_OPEN) < 0) {
        failSetup("set NFQA_CFG_F_FAIL_OPEN (kernel 3.6 or later needed)", q);
      }
      this.fd = nfq.nfq_fd(h);
      if (options.receiveBufferBytes() > 0)
        nfnl.nfnl_rcvbufsiz(nfq.nfq_nfnlh(h), options.receiveBufferBytes());
      Memory tv = new Memory(16);
      tv.setLong(0, 0);
      tv.setLong(8, 200_000); // wake every 200 ms to notice stop()
      if (NfqNative.Libc.setsockopt(fd, NfqNative.SOL_SOCKET, NfqNative.SO_RCVTIMEO, tv, 16) < 0) {
        failSetup("set the receive timeout", q);
      }
      this.queueHandle = qh;
    } catch (RuntimeException e) {
      if (qh != null) nfq.nfq_destroy_queue(qh);
      nfq.nfq_close(h);
      throw e;
    }
  }

  /**
   * Binds NFQUEUE {@code options.queue()} with those options.
   *
   * @throws NfqException naming the cause: not permitted (needs root or CAP_NET_ADMIN), library
   *     missing, queue already bound, or a kernel refusal
   */
  public static NfqSource open(NfqOptions options) {
    return new NfqSource(options);
  }

  private void failSetup(String what, int q) {
    failSetup(Native.getLastError(), what, q);
  }

  private static void failSetup(int errno, String what, int q) {
    if (errno == NfqNative.EPERM || errno == NfqNative.EACCES) {
      throw new NfqException(
          "NFQUEUE "
              + q
              + ": not permitted to "
              + what
              + ": inline mode needs root or CAP_NET_ADMIN ("
              + NfqNative.describe(errno)
              + ")");
    }
    throw new NfqException("NFQUEUE " + q + ": cannot " + what + ": " + NfqNative.describe(errno));
  }

  private int onSetupPacket(Pointer qh, Pointer nfmsg, Pointer nfad, Pointer data) {
    try {
      Pointer hdr = nfq.nfq_get_msg_packet_hdr(nfad);
      if (hdr == null) return 0;
      int id = Integer.reverseBytes(hdr.getInt(0));
      int hw = Short.reverseBytes(hdr.getShort(4)) & 0xffff;
      int hook = hdr.getByte(6) & 0xff;
      PointerByReference ref = new PointerByReference();
      int len = nfq.nfq_get_payload(nfad, ref);
      byte[] payload = len > 0 ? ref.getValue().getByteArray(0, len) : new byte[0];
      setupPackets.add(
          new SetupPacket(
              id,
              hw,
              hook,
              nfq.nfq_get_nfmark(nfad),
              nfq.nfq_get_indev(nfad),
              nfq.nfq_get_outdev(nfad),
              payload));
    } catch (RuntimeException e) {
      malformed++;
    }
    return 0;
  }

  /** The options this source was opened with. */
  public NfqOptions options() {
    return options;
  }

  /**
   * Runs the verdict loop on the calling thread until {@link #stop()} or {@link #close()}; sends
   * the pending verdicts before returning.
   *
   * @throws NfqException when the socket fails for a reason other than an overrun (which is
   *     counted)
   */
  public void run(PacketHandler handler) {
    run(handler, () -> {});
  }

  /**
   * As {@link #run(PacketHandler)}, calling {@code between} on the loop's thread between receives
   * when no verdict waits to be sent: after a batch whose verdicts went out and on each receive
   * timeout, so at least every 200 ms while the queue is idle (periodic work such as stats).
   */
  public void run(PacketHandler handler, Runnable between) {
    if (closed) throw new IllegalStateException("NFQUEUE " + options.queue() + " source is closed");
    if (running)
      throw new IllegalStateException("NFQUEUE " + options.queue() + " source is already running");
    loopDone = new CountDownLatch(1);
    running = true;
    try {
      drainSetupPackets(handler);
      int batch = options.verdictBatch();
      boolean multi = rxSlots > 1;
      while (running) {
        int waitFlag = txCount > 0 ? NfqNative.MSG_DONTWAIT : 0;
        long n =
            multi
                ? NfqNative.Libc.recvmmsg(
                    fd, mmsg, rxSlots, waitFlag == 0 ? NfqNative.MSG_WAITFORONE : waitFlag, null)
                : NfqNative.Libc.recv(fd, rxMemory, RX_SLOT, waitFlag);
        if (n < 0) {
          int errno = Native.getLastError();
          if (errno == NfqNative.EAGAIN) {
            flush();
          } else if (errno == NfqNative.ENOBUFS) {
            enobufs++;
          } else if (errno == NfqNative.ENOSYS && multi) {
            multi = false; // no recvmmsg: one packet per recv
          } else if (errno != NfqNative.EINTR) {
            flush();
            throw new NfqException(
                "NFQUEUE " + options.queue() + ": receive failed: " + NfqNative.describe(errno));
          }
          between.run();
          continue;
        }
        if (multi) {
          for (int i = 0; i < n; i++) {
            datagram(RX_SLOT * i, mmsg.getInt((long) MMSGHDR * i + 56), handler);
          }
        } else {
          datagram(0, (int) n, handler);
        }
        if (txCount >= batch || txLength + NfqMessages.VERDICT_MARK_LEN * (rxSlots + 8) > TX_BYTES)
          flush();
        if (txCount == 0) {
          between.run(); // never while verdicts wait to be sent
        }
      }
      flush();
    } finally {
      running = false;
      published++;
      loopDone.countDown();
    }
  }

  private void drainSetupPackets(PacketHandler handler) {
    SetupPacket s;
    while ((s = setupPackets.poll()) != null) {
      ByteBuffer b = ByteBuffer.wrap(s.payload);
      packet.reset(b);
      packet.queue = options.queue();
      packet.id = s.id;
      packet.hwProtocol = s.hwProtocol;
      packet.hook = s.hook;
      packet.mark = s.mark;
      packet.hasMark = s.mark != 0;
      packet.inIfindex = s.in;
      packet.outIfindex = s.out;
      packet.payloadLength = s.payload.length;
      if (s.payload.length == 0) {
        // queued before copy-packet mode was set: no bytes to inspect, so let netfilter queue it
        // again
        received++;
        queueVerdict(new NfqVerdict.Repeat(s.mark));
      } else {
        decide(handler);
      }
    }
    flush();
  }

  /** Handles the netlink messages of one datagram at {@code rx[base, base+n)}. */
  private void datagram(int base, int n, PacketHandler handler) {
    int off = base;
    int end = base + n;
    while (off + NfqMessages.NLMSG_HDRLEN <= end) {
      int len = NfqMessages.le32(rx, off);
      int type = NfqMessages.le16(rx, off + 4);
      if (len < NfqMessages.NLMSG_HDRLEN || off + len > end) {
        malformed++;
        return;
      }
      if (type == NfqMessages.TYPE_PACKET) {
        received++;
        if (NfqMessages.readPacket(rx, off, len, packet)) {
          decide(handler);
        } else {
          malformed++;
          if (packet.headerSeen)
            queueVerdict(
                options.failVerdict() instanceof NfqVerdict.Accept
                    ? NfqVerdict.ACCEPT
                    : NfqVerdict.DROP);
        }
      } else if (type == NfqMessages.NLMSG_ERROR) {
        if (len >= NfqMessages.NLMSG_HDRLEN + 4
            && NfqMessages.le32(rx, off + NfqMessages.NLMSG_HDRLEN) != 0) {
          verdictErrors++;
        }
      }
      off += NfqMessages.align4(len);
    }
  }

  private void decide(PacketHandler handler) {
    if (packet.buffer != rx) received++;
    NfqVerdict action;
    try {
      action = handler.onPacket(packet);
    } catch (Throwable t) {
      action = handlerFailed(t);
    }
    if (action == null) action = handlerFailed(null);
    queueVerdict(action);
  }

  private NfqVerdict handlerFailed(Throwable t) {
    if (handlerFailures++ < 5) {
      LOG.log(
          System.Logger.Level.WARNING,
          "nfq "
              + options.queue()
              + ": packet handler "
              + (t == null ? "returned no verdict" : "failed")
              + "; giving "
              + options.failVerdict(),
          t);
    }
    return options.failVerdict();
  }

  private void queueVerdict(NfqVerdict action) {
    int nf;
    boolean withMark = false;
    int mark = 0;
    switch (action) {
      case NfqVerdict.Accept a -> {
        nf = NfqMessages.NF_ACCEPT;
        accepted++;
      }
      case NfqVerdict.Repeat r -> {
        nf = NfqMessages.NF_REPEAT;
        withMark = true;
        mark = r.mark();
        repeated++;
      }
      case NfqVerdict.Drop d -> {
        nf = NfqMessages.NF_DROP;
        dropped++;
      }
    }
    if (txLength + NfqMessages.VERDICT_MARK_LEN > TX_BYTES) flush();
    txLength +=
        NfqMessages.writeVerdict(
            tx, txLength, options.queue(), packet.id, nf, withMark, mark, ++seq);
    txCount++;
  }

  private void flush() {
    if (txCount == 0) return;
    for (int attempt = 0; ; attempt++) {
      long n = NfqNative.Libc.send(fd, txMemory, txLength, 0);
      if (n >= 0) break;
      int errno = Native.getLastError();
      if ((errno == NfqNative.EINTR || errno == NfqNative.ENOBUFS || errno == NfqNative.EAGAIN)
          && attempt < 3) {
        if (errno == NfqNative.ENOBUFS) enobufs++;
        continue;
      }
      sendErrors += txCount;
      if (sendErrors <= txCount) {
        LOG.log(
            System.Logger.Level.WARNING,
            "nfq " + options.queue() + ": sending verdicts failed: " + NfqNative.describe(errno));
      }
      break;
    }
    verdictSends++;
    txLength = 0;
    txCount = 0;
    published++; // volatile write: publishes the counters to stats() readers
  }

  /** Asks the loop to return (within 200 ms); callable from any thread. */
  public void stop() {
    running = false;
  }

  /** Counters so far (as of the last verdict send), with the kernel's queue counters. */
  public NfqStats stats() {
    long p = published; // volatile read pairs with the loop's write after each send
    if (p < 0) throw new AssertionError();
    return new NfqStats(
        options.queue(),
        received,
        accepted,
        dropped,
        repeated,
        handlerFailures,
        malformed,
        enobufs,
        sendErrors,
        verdictErrors,
        verdictSends,
        KernelQueueCounters.read(KernelQueueCounters.PROC, options.queue()));
  }

  /** Stops the loop (waiting up to 2 s for it), unbinds the queue and closes the sockets. */
  @Override
  public void close() {
    if (closed) return;
    stop();
    try {
      loopDone.await(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closed = true;
    nfq.nfq_destroy_queue(queueHandle);
    nfq.nfq_close(handle);
  }
}
