"""The rules of the AOT training run (make_training.py): template rules in the keyword mix of the
rule sets sensors run. Most are in the Snort-era form ET Open still ships in large part (alert tcp
on the HTTP ports with content modifiers: http_uri, http_header, http_method, http_client_body,
http_cookie, http_stat_code, uricontent, file_data; pcre with U, H, P, C, R, s, m, i; flowbits
chains; byte_test, byte_jump and byte_extract; thresholds), the rest in the sticky-buffer form
with application-layer protocols (http, tls, dns, ssh, smb). About one in five looks for words
the traffic carries and may alert; the others look for words and bytes it never carries, as most
of a real rule set does on any one link.
"""
import re

from training_net import R

HTTP = [
    'alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS (msg:"ET HTTP uri {w}"; flow:established,to_server; content:"/{w}"; http_uri; nocase; fast_pattern; {x} sid:{sid}; rev:1;)',
    'alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS (msg:"ET HTTP method uri {w}"; flow:to_server,established; content:"POST"; http_method; content:"/{w}/"; http_uri; content:".php"; http_uri; distance:0; {x} sid:{sid}; rev:1;)',
    'alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS (msg:"ET HTTP uricontent {w}"; flow:established,to_server; uricontent:"/{w}"; nocase; uricontent:"{v}"; nocase; {x} sid:{sid}; rev:1;)',
    'alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS (msg:"ET HTTP UA {w}"; flow:established,to_server; content:"User-Agent|3a 20|{w}"; http_header; nocase; fast_pattern:only; {x} sid:{sid}; rev:1;)',
    'alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS (msg:"ET HTTP uri pcre {w}"; flow:established,to_server; content:"GET"; http_method; content:"/{w}"; http_uri; pcre:"/\\/{w}\\/[a-z]+\\.(php|js|html)/Ui"; {x} sid:{sid}; rev:1;)',
    'alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS (msg:"ET HTTP uri pcre2 {w}"; flow:established,to_server; content:"?q={w}"; http_uri; pcre:"/[?&]page=\\d+/U"; {x} sid:{sid}; rev:1;)',
    'alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS (msg:"ET HTTP header pcre {w}"; flow:established,to_server; content:"Host|3a 20|"; http_header; content:"{w}."; http_header; distance:0; within:40; pcre:"/^Host\\x3a\\x20[^\\r\\n]+\\.(com|net|org)\\r?$/Hmi"; {x} sid:{sid}; rev:1;)',
    'alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS (msg:"ET HTTP body {w}"; flow:established,to_server; content:"POST"; http_method; content:"user={w}"; http_client_body; depth:20; pcre:"/pass=[a-z]+&token=\\d+/P"; {x} sid:{sid}; rev:1;)',
    'alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS (msg:"ET HTTP cookie {w}"; flow:established,to_server; content:"sid="; http_cookie; content:"{w}"; http_uri; pcre:"/sid=[0-9a-f]{{8}}/C"; {x} sid:{sid}; rev:1;)',
    'alert tcp $EXTERNAL_NET $HTTP_PORTS -> $HOME_NET any (msg:"ET HTTP file_data {w} {v}"; flow:established,from_server; file_data; content:"{w} {v}"; within:600; pcre:"/{w}\\s+{v}/Rsi"; {x} sid:{sid}; rev:1;)',
    'alert tcp $EXTERNAL_NET $HTTP_PORTS -> $HOME_NET any (msg:"ET HTTP stat {w}"; flow:established,to_client; content:"200"; http_stat_code; content:"Server|3a| {w}"; http_header; nocase; {x} sid:{sid}; rev:1;)',
    'alert tcp $EXTERNAL_NET $HTTP_PORTS -> $HOME_NET any (msg:"ET HTTP exe {w}"; flow:established,to_client; file_data; content:"MZ"; within:2; content:"{w}"; distance:0; isdataat:!4,relative; {x} sid:{sid}; rev:1;)',
    'alert tcp $EXTERNAL_NET $HTTP_PORTS -> $HOME_NET any (msg:"ET HTTP script {w}"; flow:established,from_server; file_data; content:"<script"; nocase; content:"{w}"; nocase; distance:0; pcre:"/var\\s+\\w+\\s*=\\s*[\'\\"][^\'\\"]*{w}/si"; {x} sid:{sid}; rev:1;)',
    'alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS (msg:"ET HTTP raw uri {w}"; flow:established,to_server; urilen:>8; content:"/{w}"; http_raw_uri; content:!"Referer|3a|"; http_header; {x} sid:{sid}; rev:1;)',
    'alert http $HOME_NET any -> $EXTERNAL_NET any (msg:"ET HTTP sticky {w}"; flow:established,to_server; http.method; content:"GET"; http.uri; content:"/{w}"; fast_pattern; http.user_agent; content:"Mozilla"; startswith; http.host; content:"example"; {x} sid:{sid}; rev:1;)',
    'alert http $EXTERNAL_NET any -> $HOME_NET any (msg:"ET HTTP sticky body {w}"; flow:established,to_client; http.stat_code; content:"200"; http.content_type; content:"text"; file_data; content:"{w} {v} {w}"; nocase; {x} sid:{sid}; rev:1;)',
]
OTHER = [
    'alert tcp $HOME_NET any -> $EXTERNAL_NET 443 (msg:"ET TLS client {w}"; flow:established,to_server; content:"|16 03|"; depth:2; content:"|01|"; distance:3; within:1; content:"{w}"; distance:0; {x} sid:{sid}; rev:1;)',
    'alert tls $EXTERNAL_NET any -> $HOME_NET any (msg:"ET TLS SNI {w}"; flow:established; tls.sni; content:"{w}."; startswith; nocase; {x} sid:{sid}; rev:1;)',
    'alert tcp $EXTERNAL_NET 443 -> $HOME_NET any (msg:"ET TLS cert {w}"; flow:established,from_server; content:"|16 03|"; content:"|0b|"; distance:3; within:1; content:"{w}"; distance:0; {x} sid:{sid}; rev:1;)',
    'alert udp $HOME_NET any -> any 53 (msg:"ET DNS query {w}"; content:"|01 00 00 01 00 00 00 00 00 00|"; depth:10; offset:2; content:"{w}"; nocase; distance:0; fast_pattern; {x} sid:{sid}; rev:1;)',
    'alert udp any 53 -> $HOME_NET any (msg:"ET DNS answer {w}"; content:"|81 80|"; offset:2; depth:2; byte_test:2,>,0,4; content:"{w}"; distance:0; {x} sid:{sid}; rev:1;)',
    'alert dns $HOME_NET any -> any any (msg:"ET DNS sticky {w}"; dns.query; content:"{w}"; nocase; pcre:"/^[a-z]+\\d*\\.example\\./i"; {x} sid:{sid}; rev:1;)',
    'alert tcp $HOME_NET any -> $EXTERNAL_NET 22 (msg:"ET SSH client {w}"; flow:established,to_server; content:"SSH-"; depth:4; content:"{w}"; within:40; {x} sid:{sid}; rev:1;)',
    'alert tcp $HOME_NET any -> $EXTERNAL_NET 25 (msg:"ET SMTP attach {w}"; flow:established,to_server; content:"filename=|22|{w}."; nocase; content:"base64"; distance:0; pcre:"/filename=\\"[^\\"]+\\.(exe|zip|doc)\\"/i"; {x} sid:{sid}; rev:1;)',
    'alert tcp $HOME_NET any -> $EXTERNAL_NET 21 (msg:"ET FTP RETR {w}"; flow:established,to_server; content:"RETR "; depth:5; content:"{w}"; distance:0; within:30; pcre:"/^RETR\\s+[^\\r\\n]{{4,}}/smi"; {x} sid:{sid}; rev:1;)',
    'alert tcp any any -> $HOME_NET 445 (msg:"ET SMB2 {w}"; flow:established,to_server; content:"|FE|SMB"; offset:4; depth:4; content:"|05 00|"; distance:8; within:2; content:"{w}"; nocase; distance:0; {x} sid:{sid}; rev:1;)',
    'alert tcp any any -> $HOME_NET 445 (msg:"ET SMB2 ioctl {w}"; flow:established,to_server; content:"|FE|SMB"; depth:8; byte_test:2,=,0x000b,12,little; content:"{w}"; distance:0; {x} sid:{sid}; rev:1;)',
    'alert tcp any any -> $HOME_NET 135 (msg:"ET DCERPC bind {w}"; flow:established,to_server; content:"|05 00 0b|"; depth:3; byte_extract:2,8,frag,relative,little; byte_test:2,>,frag,0,relative,little; content:"{w}"; {x} sid:{sid}; rev:1;)',
    'alert tcp any any -> $HOME_NET 135 (msg:"ET DCERPC request {w}"; flow:established,to_server; content:"|05 00 00|"; depth:3; byte_jump:2,5,relative,little,align; isdataat:4,relative; content:"{w}"; {x} sid:{sid}; rev:1;)',
    'alert tcp $EXTERNAL_NET any -> $HOME_NET 3389 (msg:"ET RDP cookie {w}"; flow:established,to_server; content:"|03 00|"; depth:2; content:"Cookie|3a| mstshash={w}"; distance:5; nocase; {x} sid:{sid}; rev:1;)',
    'alert tcp any any -> any any (msg:"ET TCP bytes {w}"; flow:established; dsize:>100; content:"{w}|20|{v}"; byte_test:1,>,0x10,0,relative; {x} sid:{sid}; rev:1;)',
    'alert tcp any any -> any any (msg:"ET TCP string {w}"; flow:established; content:"Content-Length|3a 20|"; byte_test:5,>,{n},0,relative,string,dec; content:"{w}"; {x} sid:{sid}; rev:1;)',
    'alert tcp $HOME_NET any -> $EXTERNAL_NET any (msg:"ET TCP jump {w}"; flow:established,to_server; content:"{w}"; byte_jump:1,0,relative,post_offset 1; isdataat:1,relative; {x} sid:{sid}; rev:1;)',
    'alert udp any 123 -> any 123 (msg:"ET NTP {w}"; dsize:48; byte_test:1,&,0x04,0; content:"{w}"; {x} sid:{sid}; rev:1;)',
    'alert udp $HOME_NET any -> $EXTERNAL_NET [1024:] (msg:"ET UDP {w}"; dsize:<200; content:"{w}"; offset:4; depth:40; {x} sid:{sid}; rev:1;)',
    'alert ip any any -> any any (msg:"ET IP {w}"; content:"{w}|00|{v}"; {x} sid:{sid}; rev:1;)',
    'alert icmp any any -> any any (msg:"ET ICMP {w}"; itype:8; icode:0; dsize:>20; content:"{w}"; depth:16; {x} sid:{sid}; rev:1;)',
]
# the tails ET rules end with: thresholds, flowbits and nothing
EXTRA = ["", "", "", "", "", "classtype:trojan-activity;", "classtype:bad-unknown; reference:url,example.com/{w};",
         "threshold: type limit, track by_src, seconds 60, count 1;", "threshold:type both,track by_src,count 3,seconds 120;",
         "threshold: type threshold, track by_dst, count 5, seconds 60;", "detection_filter:track by_src, count 2, seconds 60;",
         "flowbits:set,et.{b}; flowbits:noalert;", "flowbits:isset,et.{v};", "flowbits:isnotset,et.{b}.seen; flowbits:set,et.{b}.seen;",
         "flowbits:set,et.{v}; flowbits:unset,et.{b};"]


def made_up():
    """A word-like token the traffic never carries (its text comes from a fixed word list)."""
    token = "".join(R.choice("bcdfghklmnprstvwz") + R.choice("aeiouy") for _ in range(R.randrange(2, 5)))
    return token + R.choice(["", "", ".php", ".exe", "/", "=", str(R.randrange(100))])


def rules(count, words):
    """The training rule set: count rules built from templates over the words of the traffic."""
    out = ["# Vigil AOT training rules, written by make_training.py: the keyword mix of ET/Snort rule sets"]
    sid = 8_100_000
    for i in range(count):
        w, v = R.choice(words), R.choice(words)
        # a fifth of the rules look for words of the traffic and may alert; the rest, as most of a real
        # rule set on one link, look for words it never carries and rarely pass the prefilter
        if i % 5:
            w = made_up()
        tpl = R.choice(HTTP if i % 3 else OTHER)
        x = R.choice(EXTRA)
        out.append(tpl.format(w=w, v=v, n=R.randrange(100, 9000), sid=sid, x=x.format(w=w, v=v, b=re.sub("[^a-z0-9]", "", w))).replace("  ", " "))
        sid += 1
    out += [
        'alert http $HOME_NET any -> $EXTERNAL_NET any (msg:"ET flowbits set login"; flow:established,to_server; http.uri; content:"/login"; flowbits:set,t.login; flowbits:noalert; sid:8199001; rev:1;)',
        'alert http $EXTERNAL_NET any -> $HOME_NET any (msg:"ET flowbits login answered"; flow:established,to_client; flowbits:isset,t.login; http.stat_code; content:"200"; sid:8199002; rev:1;)',
        'alert icmp any any -> any any (msg:"ET ICMP echo"; itype:8; content:"abcdefgh"; depth:8; sid:8199003; rev:1;)',
        'alert tcp $EXTERNAL_NET any -> $HOME_NET any (msg:"ET TCP Xmas scan"; flags:FPU,12; dsize:0; sid:8199011; rev:1;)',
        'alert tcp any any -> any [23,445,3389] (msg:"ET SYN to closed port"; flags:S; threshold:type both, track by_src, count 5, seconds 60; sid:8199004; rev:1;)',
        'alert ssh any any -> any any (msg:"ET SSH proto"; ssh.proto; content:"2.0"; sid:8199005; rev:1;)',
        'alert tls any any -> any any (msg:"ET TLS subject"; tls.cert_subject; content:"Example Training"; sid:8199006; rev:1;)',
        'alert tcp any any -> any 445 (msg:"ET SMB IPC share"; flow:established,to_server; content:"|5c 00|I|00|P|00|C|00 24 00|"; sid:8199007; rev:1;)',
        'alert dcerpc any any -> any any (msg:"ET DCERPC iface"; dce_iface:4b324fc8-1670-01d3-1278-5a47bf6ee188; sid:8199008; rev:1;)',
        'alert tcp any any -> any any (msg:"ET FTP PASV reply"; flow:established,from_server; content:"227 Entering Passive Mode"; depth:25; sid:8199009; rev:1;)',
        'alert dns any any -> any any (msg:"ET DNS over TCP"; flow:established,to_server; dns.query; content:"example"; sid:8199010; rev:1;)',
    ]
    return "\n".join(out) + "\n"
