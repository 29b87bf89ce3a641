/** SMB over TCP: protocol detection (Suricata gives SMB sessions an unlimited reassembly depth). */
package org.vigil.app.smb;
