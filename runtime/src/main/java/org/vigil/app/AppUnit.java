package org.vigil.app;

/**
 * One unit an app layer has ready for detection.
 *
 * @param toServer the direction the unit's data was sent in
 * @param tx the transaction it belongs to (its alerts carry its metadata), or null
 * @param buffers puts its inspection buffers
 * @param admission which rules it evaluates and which matches alert; null: all evaluated, a match
 *     alerts when {@code tx} lets it ({@link AppTransaction#firstAlert}), or always without one
 */
public record AppUnit(
    boolean toServer, AppTransaction tx, UnitBuffers buffers, AppAdmission admission) {

  /**
   * The admission the inspection applies: the given one, else the transaction's first alerts, else
   * null (all).
   */
  public AppAdmission effectiveAdmission() {
    return admission != null ? admission : tx == null ? null : tx::firstAlert;
  }
}
