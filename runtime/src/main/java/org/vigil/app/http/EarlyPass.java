package org.vigil.app.http;

import org.vigil.app.AppAdmission;

/** The detection passes of one direction that saw a message before it completed. */
final class EarlyPass {
  HttpTransaction tx;

  /** The rules that matched in those passes (alerting or not). */
  final java.util.BitSet matched = new java.util.BitSet();

  /** How much of the message's body those passes inspected. */
  BodyWindow body;

  /** Whether a pass saw the message with its headers complete. */
  boolean headersSeen;

  void start(HttpTransaction t, BodyWindow window) {
    tx = t;
    matched.clear();
    body = window;
    headersSeen = false;
  }

  /** A pass before completion: rules matched in an earlier one are not evaluated again. */
  AppAdmission admission(HttpTransaction t) {
    return new AppAdmission() {
      @Override
      public boolean evaluate(int rule) {
        return !matched.get(rule);
      }

      @Override
      public boolean admit(int rule) {
        return t.firstAlert(rule);
      }

      @Override
      public void matched(int rule) {
        matched.set(rule);
      }
    };
  }

  void reset(HttpTransaction completed) {
    if (tx == completed) {
      tx = null;
      matched.clear();
      body = null;
    }
  }
}
