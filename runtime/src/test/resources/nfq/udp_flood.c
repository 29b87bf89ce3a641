/* Traffic source for Vigil's verdict-rate measurement: sends <count> UDP datagrams of <size> bytes to
 * <ipv4> <port> as fast as it can (at most <seconds>), then prints "SENT <n>". Built by the test setup. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

int main(int argc, char **argv) {
  if (argc < 6) { fprintf(stderr, "usage: udp_flood <ipv4> <port> <count> <size> <seconds>\n"); return 2; }
  long n = atol(argv[3]);
  int size = atoi(argv[4]);
  double limit = atof(argv[5]);
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in to = {0};
  to.sin_family = AF_INET;
  to.sin_port = htons((uint16_t)atoi(argv[2]));
  inet_pton(AF_INET, argv[1], &to.sin_addr);
  if (connect(fd, (struct sockaddr *)&to, sizeof to) < 0) { perror("connect"); return 1; }
  char buf[65536];
  memset(buf, 'x', sizeof buf);
  struct timespec t0, t;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  long sent = 0;
  for (long i = 0; i < n; i++) {
    if (send(fd, buf, size, 0) >= 0) sent++;
    if ((i & 1023) == 0) {
      clock_gettime(CLOCK_MONOTONIC, &t);
      if ((t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) / 1e9 > limit) break;
    }
  }
  printf("SENT %ld\n", sent);
  return 0;
}
