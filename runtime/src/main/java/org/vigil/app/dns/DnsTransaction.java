package org.vigil.app.dns;

import org.vigil.app.AlertedRules;
import org.vigil.app.AppTransaction;

/**
 * A DNS request and its response, paired by transaction id on one flow (a response without a
 * request makes a transaction of its own, as Suricata's).
 */
public final class DnsTransaction implements AppTransaction {
  private final long number;
  private DnsMessage request;
  private DnsMessage response;
  private final AlertedRules alerted = new AlertedRules();

  DnsTransaction(long number) {
    this.number = number;
  }

  @Override
  public long id() {
    return number;
  }

  /** The request, or null when only a response was seen. */
  public DnsMessage request() {
    return request;
  }

  /** The response, or null while none was seen. */
  public DnsMessage response() {
    return response;
  }

  void request(DnsMessage m) {
    this.request = m;
  }

  void response(DnsMessage m) {
    this.response = m;
  }

  /**
   * The EVE dns record (version 2) of the message seen last: the answer once the response came,
   * else the query.
   */
  @Override
  public DnsRecord appRecord() {
    return response != null
        ? new DnsRecord(number, response, false)
        : request == null ? null : new DnsRecord(number, request, true);
  }

  /**
   * The request's query records past the first (one per further question, as Suricata logs a
   * request), each as a transaction of this one's number to be logged beside it.
   */
  java.util.List<AppTransaction> furtherQuestions() {
    int n = request == null ? 0 : request.queries().size();
    java.util.List<AppTransaction> out = new java.util.ArrayList<>(Math.max(0, n - 1));
    for (int i = 1; i < n; i++) {
      DnsRecord r = new DnsRecord(number, request, true, i);
      out.add(
          new AppTransaction() {
            @Override
            public long id() {
              return number;
            }

            @Override
            public DnsRecord appRecord() {
              return r;
            }

            @Override
            public boolean firstAlert(int rule) {
              return DnsTransaction.this.firstAlert(rule);
            }
          });
    }
    return out;
  }

  @Override
  public boolean firstAlert(int rule) {
    return alerted.first(rule);
  }
}
