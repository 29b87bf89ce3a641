/* Traffic of Vigil's per-queue verdict-rate measurement (bench/nfq/queue-rate.sh): sends <count> UDP
 * datagrams of <size> bytes from <source-ipv4> to <ipv4>:<port> as fast as it can, for at most <seconds>,
 * then prints "SENT <n>". The source address picks the queue under iptables --queue-balance.
 * Built by queue-rate.sh: gcc -O2 -o udp_flood udp_flood.c */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: udp_flood <source-ipv4> <ipv4> <port> <count> <size> <seconds>\n");
    return 2;
  }
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in from, to;
  memset(&from, 0, sizeof from);
  memset(&to, 0, sizeof to);
  from.sin_family = to.sin_family = AF_INET;
  inet_pton(AF_INET, argv[1], &from.sin_addr);
  inet_pton(AF_INET, argv[2], &to.sin_addr);
  to.sin_port = htons((uint16_t)atoi(argv[3]));
  long count = atol(argv[4]);
  int size = atoi(argv[5]);
  double limit = atof(argv[6]);
  if (bind(fd, (struct sockaddr *)&from, sizeof from) < 0) { perror("bind"); return 1; }
  if (connect(fd, (struct sockaddr *)&to, sizeof to) < 0) { perror("connect"); return 1; }
  static char payload[65536];
  memset(payload, 'v', sizeof payload);
  struct timespec t0, t;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  long sent = 0;
  for (long i = 0; i < count; i++) {
    if (send(fd, payload, size, 0) >= 0) sent++;
    if ((i & 1023) == 0) {
      clock_gettime(CLOCK_MONOTONIC, &t);
      if ((t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) / 1e9 > limit) break;
    }
  }
  printf("SENT %ld\n", sent);
  return 0;
}
