/**
 * DCE/RPC over TCP, over SMB named pipes and over UDP: {@link org.vigil.app.dcerpc.DcerpcProtocol}
 * (registered; {@link org.vigil.app.dcerpc.DcerpcDetection}) makes a {@link
 * org.vigil.app.dcerpc.DcerpcLayer} whose {@link org.vigil.app.dcerpc.DcerpcParser} frames
 * connection-oriented PDUs, keeps the bound interfaces ({@link org.vigil.app.dcerpc.DcerpcBinding})
 * and reports each request and response as a unit of its {@link org.vigil.app.dcerpc.DcerpcCall}
 * with the dce_stub_data buffer and the call state dce_iface and dce_opnum are tested on; over UDP
 * a {@link org.vigil.app.dcerpc.DcerpcUdpLayer} assembles connectionless calls from their
 * fragments.
 */
package org.vigil.app.dcerpc;
