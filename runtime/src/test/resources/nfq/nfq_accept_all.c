/* Reference listener for Vigil's verdict-rate measurement: the classic libnetfilter_queue loop that
 * accepts every packet of queue <num> (one recv and one verdict sendmsg per packet). Stops on SIGTERM/SIGINT
 * and prints "PACKETS <n> SECONDS <first-to-last> RATE <packets/s>". Built by the test setup with gcc. */
#include <errno.h>
#include <netinet/in.h>
#include <libnetfilter_queue/libnetfilter_queue.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>

#ifndef NF_ACCEPT
#define NF_ACCEPT 1
#endif

static volatile sig_atomic_t stop;
static long count;
static struct timespec first, last;

static void on_signal(int sig) { (void)sig; stop = 1; }

static int cb(struct nfq_q_handle *qh, struct nfgenmsg *msg, struct nfq_data *nfa, void *data) {
  (void)msg; (void)data;
  struct nfqnl_msg_packet_hdr *ph = nfq_get_msg_packet_hdr(nfa);
  clock_gettime(CLOCK_MONOTONIC, &last);
  if (count++ == 0) first = last;
  return nfq_set_verdict(qh, ntohl(ph->packet_id), NF_ACCEPT, 0, NULL);
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: nfq_accept_all <queue>\n"); return 2; }
  struct sigaction sa = {0};
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  struct nfq_handle *h = nfq_open();
  if (!h) { perror("nfq_open"); return 1; }
  nfq_unbind_pf(h, AF_INET);
  nfq_bind_pf(h, AF_INET);
  struct nfq_q_handle *qh = nfq_create_queue(h, (uint16_t)atoi(argv[1]), cb, NULL);
  if (!qh) { perror("nfq_create_queue"); return 1; }
  nfq_set_mode(qh, NFQNL_COPY_PACKET, 0xffff);
  nfq_set_queue_maxlen(qh, 8192);
  nfnl_rcvbufsiz(nfq_nfnlh(h), 8 << 20);
  int fd = nfq_fd(h);
  struct timeval tv = {0, 200000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  printf("READY\n");
  fflush(stdout);
  char buf[65536 + 4096] __attribute__((aligned));
  while (!stop) {
    int rv = recv(fd, buf, sizeof buf, 0);
    if (rv >= 0) nfq_handle_packet(h, buf, rv);
    else if (errno != EAGAIN && errno != EINTR && errno != ENOBUFS) { perror("recv"); break; }
  }
  double secs = (last.tv_sec - first.tv_sec) + (last.tv_nsec - first.tv_nsec) / 1e9;
  printf("PACKETS %ld SECONDS %.6f RATE %.0f\n", count, secs, secs > 0 ? (count - 1) / secs : 0.0);
  fflush(stdout);
  nfq_destroy_queue(qh);
  nfq_close(h);
  return 0;
}
