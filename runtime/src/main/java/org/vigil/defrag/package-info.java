/** IPv4/IPv6 fragment reassembly with target-based overlap policies chosen per destination host. */
package org.vigil.defrag;
