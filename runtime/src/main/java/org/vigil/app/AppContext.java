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
 */
public record AppContext(
    byte[] serverAddress,
    int serverPort,
    AppControl control,
    UnitPrefilter prefilter,
    AppLayers layers) {}
