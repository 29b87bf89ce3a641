package org.vigil.acquire.synthetic;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * HTTP/1.1 requests and responses of the kinds a sensor sees: browsers, tools and scanners asking
 * for pages, scripts, downloads and probed paths; servers answering with pages, scripts,
 * executables and documents, by length or chunked.
 */
final class HttpExchanges {
  private static final String[] METHODS = {
    "GET", "GET", "GET", "GET", "GET", "POST", "POST", "HEAD", "PUT", "OPTIONS"
  };
  private static final String[] PATHS = {
    "/",
    "/index.html",
    "/images/logo.png",
    "/js/jquery.min.js",
    "/wp-login.php",
    "/wp-admin/admin-ajax.php",
    "/cgi-bin/test.cgi?x=%s",
    "/admin/login.asp",
    "/phpmyadmin/index.php",
    "/search?q=%s&page=2",
    "/api/v1/items/%s",
    "/download.php?file=../../../../etc/passwd",
    "/index.php?id=1%%20UNION%%20SELECT%%20null,concat(user,0x3a,pass)%%20FROM%%20users--",
    "/.git/HEAD",
    "/favicon.ico",
    "/update/check.aspx?ver=%s&os=win",
    "/shell.jsp?cmd=whoami",
    "/robots.txt",
    "/gate.php",
    "/ajax/libs/%s.js",
    "/page.php?url=http://%s.example.net/x.txt",
    "/servlet/Login?user=<script>alert(1)</script>",
  };
  private static final String[] AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/63.0.3239.132 Safari/537.36",
    "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0)",
    "Mozilla/5.0 (X11; Linux x86_64; rv:57.0) Gecko/20100101 Firefox/57.0",
    "curl/7.58.0",
    "Wget/1.19.4 (linux-gnu)",
    "python-requests/2.18.4",
    "Java/1.8.0_151",
    "Microsoft-CryptoAPI/10.0",
    "sqlmap/1.2#stable (http://sqlmap.org)",
    "Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000003)",
  };
  private static final String[] HOSTS = {
    "www.example.com", "update.example.net", "cdn.example.org", "192.0.2.80", "mail.example.com"
  };
  private static final String[] SERVERS = {
    "Apache/2.4.29 (Ubuntu)", "nginx/1.14.0", "Microsoft-IIS/8.5", "lighttpd/1.4.45"
  };
  private static final String[] STATUS = {
    "200 OK", "200 OK", "200 OK", "404 Not Found", "302 Found", "304 Not Modified", "500 Error"
  };
  private static final String[][] BODIES = {
    {
      "text/html",
      "<html><head><title>%s</title></head><body><script>var a=1;</script></body></html>"
    },
    {"application/javascript", "eval(unescape('%%75%%6e')); document.write('%s');"},
    {
      "application/octet-stream",
      "MZ\u0090\u0000\u0003\u0000This program cannot be run in DOS mode.%s"
    },
    {"application/pdf", "%%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction %s >> endobj"},
    {"application/zip", "PK\u0003\u0004\u0014\u0000%s.class"},
    {"text/plain", "User-agent: *\nDisallow: /%s\n"},
    {"application/json", "{\"id\":%s,\"status\":\"ok\",\"items\":[1,2,3]}"},
  };

  private final Random random;

  HttpExchanges(Random random) {
    this.random = random;
  }

  /** A request; {@code body} set on POST and PUT. */
  byte[] request() {
    String method = pick(METHODS);
    String path = String.format(pick(PATHS), word());
    StringBuilder b = new StringBuilder();
    b.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    b.append("Host: ").append(pick(HOSTS)).append("\r\n");
    b.append("User-Agent: ").append(pick(AGENTS)).append("\r\n");
    b.append(
        "Accept: */*\r\nAccept-Encoding: gzip, deflate\r\nAccept-Language: en-US,en;q=0.9\r\n");
    if (random.nextInt(3) == 0) {
      b.append("Cookie: session=").append(Long.toHexString(random.nextLong())).append("\r\n");
    }
    if (random.nextInt(4) == 0) {
      b.append("Referer: http://").append(pick(HOSTS)).append("/").append(word()).append("\r\n");
    }
    String body = "";
    if (method.equals("POST") || method.equals("PUT")) {
      body = "user=admin&pass=" + word() + "&cmd=" + pick(new String[] {"ls", "id", "uname -a"});
      b.append("Content-Type: application/x-www-form-urlencoded\r\n");
      b.append("Content-Length: ").append(body.length()).append("\r\n");
    }
    b.append("Connection: keep-alive\r\n\r\n").append(body);
    return b.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A response, its body by Content-Length or chunked. */
  byte[] response() {
    String[] kind = BODIES[random.nextInt(BODIES.length)];
    StringBuilder body = new StringBuilder(String.format(kind[1], word()));
    int pad = random.nextInt(4) == 0 ? 1000 + random.nextInt(4000) : random.nextInt(300);
    for (int i = 0; i < pad; i++) {
      body.append((char) ('a' + random.nextInt(26)));
    }
    StringBuilder b = new StringBuilder("HTTP/1.1 ").append(pick(STATUS)).append("\r\n");
    b.append("Date: Mon, 01 Jan 2018 12:00:00 GMT\r\nServer: ")
        .append(pick(SERVERS))
        .append("\r\n");
    b.append("Content-Type: ").append(kind[0]).append("\r\n");
    if (random.nextInt(3) == 0) {
      b.append("Set-Cookie: id=").append(word()).append("; path=/\r\n");
    }
    if (random.nextInt(4) == 0) {
      b.append("Transfer-Encoding: chunked\r\n\r\n");
      for (int off = 0; off < body.length(); off += 700) {
        int end = Math.min(body.length(), off + 700);
        b.append(Integer.toHexString(end - off)).append("\r\n");
        b.append(body, off, end).append("\r\n");
      }
      b.append("0\r\n\r\n");
    } else {
      b.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
    }
    return b.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private String word() {
    return Integer.toString(random.nextInt(1 << 20), 36);
  }

  private String pick(String[] from) {
    return from[random.nextInt(from.length)];
  }
}
