package org.vigil.app;

/**
 * What an app layer of one flow is made from.
 *
 * @param serverAddress the flow's server address (4 or 16 bytes)
 * @param serverPort the flow's server port
 * @param control the inspection controls it may ask for
 * @param prefilter the detection side its admissions may consult
 * @param layers the registry (a protocol may hand the flow to another one, as FTP's AUTH TLS to
 *     TLS)
 * @param clientAddress the flow's client address (4 or 16 bytes), or null when not known
 */
public record AppContext(
    byte[] serverAddress,
    int serverPort,
    AppControl control,
    UnitPrefilter prefilter,
    AppLayers layers,
    byte[] clientAddress) {
  /** The context of a flow whose client address is not known. */
  public AppContext(
      byte[] serverAddress,
      int serverPort,
      AppControl control,
      UnitPrefilter prefilter,
      AppLayers layers) {
    this(serverAddress, serverPort, control, prefilter, layers, null);
  }
}
