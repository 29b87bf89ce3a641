/**
 * DNS application layer: {@link org.vigil.app.dns.DnsProtocol} (registered) claims UDP and TCP
 * flows to port 53 whose first message parses; {@link org.vigil.app.dns.DnsLayer} parses each
 * message with the bounded {@link org.vigil.app.dns.DnsParser}, pairs requests and responses into
 * {@link org.vigil.app.dns.DnsTransaction}s by id, and reports each request's query names as {@code
 * dns.query} units.
 */
package org.vigil.app.dns;
