package org.vigil.compiler.ir;

import java.util.List;

/**
 * {@code sip_stat_code:c[,c...]}: the SIP response code; a one-digit code means the class (4 =
 * 4xx).
 */
public record SipStatCode(SourcePos pos, List<Integer> codes) implements AppLayerOption {
  public SipStatCode {
    codes = List.copyOf(codes);
  }

  @Override
  public String keyword() {
    return "sip_stat_code";
  }
}
