/**
 * Request URI normalization: percent and %u decoding, encoded separators, backslashes, NUL
 * handling, case folding, double decoding, UTF-8 (overlong included) with best-fit mapping and
 * dot-segment removal, switched per server personality as libhtp and Snort's http_inspect do.
 */
package org.vigil.app.http.normalize;
