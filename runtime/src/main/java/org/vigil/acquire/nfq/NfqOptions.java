package org.vigil.acquire.nfq;

/**
 * How to bind and run one NFQUEUE: queue number, bytes copied per packet, kernel queue length,
 * kernel fail-open ({@code NFQA_CFG_F_FAIL_OPEN}: accept instead of drop when the queue is full),
 * socket receive buffer, the verdict given when the handler fails, how many verdicts to send per
 * syscall at most, how many packets to take per receive syscall at most (1: recv(), more:
 * recvmmsg()).
 */
public record NfqOptions(
    int queue,
    int copyRange,
    int maxQueueLength,
    boolean failOpen,
    int receiveBufferBytes,
    NfqVerdict failVerdict,
    int verdictBatch,
    int receiveBatch) {

  /** Checks every field and names the bad one. */
  public NfqOptions {
    if (queue < 0 || queue > 65535)
      throw new IllegalArgumentException("nfq queue must be 0..65535, got " + queue);
    if (copyRange < 0 || copyRange > 65535)
      throw new IllegalArgumentException("nfq copy-range must be 0..65535, got " + copyRange);
    if (maxQueueLength < 1)
      throw new IllegalArgumentException(
          "nfq max-queue-length must be >= 1, got " + maxQueueLength);
    if (receiveBufferBytes < 0)
      throw new IllegalArgumentException(
          "nfq receive-buffer must be >= 0, got " + receiveBufferBytes);
    if (failVerdict == null) throw new IllegalArgumentException("nfq fail-verdict must be set");
    if (verdictBatch < 1 || verdictBatch > 1024)
      throw new IllegalArgumentException("nfq verdict-batch must be 1..1024, got " + verdictBatch);
    if (receiveBatch < 1 || receiveBatch > 256)
      throw new IllegalArgumentException("nfq receive-batch must be 1..256, got " + receiveBatch);
  }

  /**
   * Defaults for queue {@code queue}: whole packets, 8192 queued, kernel fail-open off, 8 MiB
   * receive buffer, accept on handler failure, up to 64 verdicts per send and 16 packets per
   * receive.
   */
  public static NfqOptions defaults(int queue) {
    return new NfqOptions(queue, 65535, 8192, false, 8 << 20, NfqVerdict.ACCEPT, 64, 16);
  }

  /** The same options taking at most {@code n} packets per receive syscall. */
  public NfqOptions withReceiveBatch(int n) {
    return new NfqOptions(
        queue,
        copyRange,
        maxQueueLength,
        failOpen,
        receiveBufferBytes,
        failVerdict,
        verdictBatch,
        n);
  }

  /** The same options with kernel fail-open set to {@code on}. */
  public NfqOptions withFailOpen(boolean on) {
    return new NfqOptions(
        queue,
        copyRange,
        maxQueueLength,
        on,
        receiveBufferBytes,
        failVerdict,
        verdictBatch,
        receiveBatch);
  }

  /** The same options with {@code verdict} given when the handler throws or returns null. */
  public NfqOptions withFailVerdict(NfqVerdict verdict) {
    return new NfqOptions(
        queue,
        copyRange,
        maxQueueLength,
        failOpen,
        receiveBufferBytes,
        verdict,
        verdictBatch,
        receiveBatch);
  }

  /** The same options with at most {@code n} verdicts per send. */
  public NfqOptions withVerdictBatch(int n) {
    return new NfqOptions(
        queue,
        copyRange,
        maxQueueLength,
        failOpen,
        receiveBufferBytes,
        failVerdict,
        n,
        receiveBatch);
  }

  /** The same options with a socket receive buffer of {@code bytes} (0: the system default). */
  public NfqOptions withReceiveBuffer(int bytes) {
    return new NfqOptions(
        queue, copyRange, maxQueueLength, failOpen, bytes, failVerdict, verdictBatch, receiveBatch);
  }

  /** The same options with a kernel queue of {@code n} packets. */
  public NfqOptions withMaxQueueLength(int n) {
    return new NfqOptions(
        queue, copyRange, n, failOpen, receiveBufferBytes, failVerdict, verdictBatch, receiveBatch);
  }
}
