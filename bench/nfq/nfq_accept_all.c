/* The C reference of Vigil's per-queue verdict-rate measurement (bench/nfq/queue-rate.sh): binds NFQUEUE
 * <queue> through libnetfilter_queue and accepts every packet the textbook way, one recv() and one
 * nfq_set_verdict() per packet. Prints READY once bound. On SIGTERM/SIGINT, or when a line RESET arrives on
 * stdin the timing restarts (for a measurement after a warm-up flood), it prints
 * "QUEUE <q> PACKETS <n> SECONDS <first-to-last> RATE <packets/s>" at exit.
 * Built by queue-rate.sh: gcc -O2 -o nfq_accept_all nfq_accept_all.c -lnetfilter_queue -lnfnetlink */
#include <errno.h>
#include <fcntl.h>
#include <libnetfilter_queue/libnetfilter_queue.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef NF_ACCEPT
#define NF_ACCEPT 1
#endif

static volatile sig_atomic_t stopping;
static long packets;
static struct timespec first, last;

static void on_stop(int sig) { (void)sig; stopping = 1; }

static int accept_all(struct nfq_q_handle *qh, struct nfgenmsg *msg, struct nfq_data *nfa, void *data) {
  (void)msg; (void)data;
  struct nfqnl_msg_packet_hdr *hdr = nfq_get_msg_packet_hdr(nfa);
  clock_gettime(CLOCK_MONOTONIC, &last);
  if (packets++ == 0) first = last;
  return nfq_set_verdict(qh, ntohl(hdr->packet_id), NF_ACCEPT, 0, NULL);
}

/* A RESET line on stdin (non-blocking) restarts the count. */
static void poll_stdin(void) {
  char line[64];
  ssize_t n = read(0, line, sizeof line - 1);
  if (n > 0) {
    line[n] = 0;
    if (strstr(line, "RESET")) packets = 0;
  }
}

int main(int argc, char **argv) {
  if (argc != 2) { fprintf(stderr, "usage: nfq_accept_all <queue>\n"); return 2; }
  int queue = atoi(argv[1]);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_stop;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);
  struct nfq_handle *h = nfq_open();
  if (h == NULL) { perror("nfq_open"); return 1; }
  nfq_unbind_pf(h, AF_INET);
  nfq_bind_pf(h, AF_INET);
  struct nfq_q_handle *qh = nfq_create_queue(h, (uint16_t)queue, accept_all, NULL);
  if (qh == NULL) { perror("nfq_create_queue"); return 1; }
  nfq_set_mode(qh, NFQNL_COPY_PACKET, 0xffff);
  nfq_set_queue_maxlen(qh, 8192);
  nfnl_rcvbufsiz(nfq_nfnlh(h), 8 << 20);
  int fd = nfq_fd(h);
  struct timeval wake = {0, 200000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wake, sizeof wake);
  printf("READY\n");
  fflush(stdout);
  static char buf[65536 + 4096] __attribute__((aligned));
  long since_poll = 0;
  while (!stopping) {
    int n = recv(fd, buf, sizeof buf, 0);
    if (n >= 0) {
      nfq_handle_packet(h, buf, n);
    } else if (errno != EAGAIN && errno != EINTR && errno != ENOBUFS) {
      perror("recv");
      break;
    }
    if (n < 0 || ++since_poll >= 4096) { since_poll = 0; poll_stdin(); }
  }
  double secs = (last.tv_sec - first.tv_sec) + (last.tv_nsec - first.tv_nsec) / 1e9;
  printf("QUEUE %d PACKETS %ld SECONDS %.6f RATE %.0f\n", queue, packets, secs,
         secs > 0 ? (packets - 1) / secs : 0.0);
  fflush(stdout);
  nfq_destroy_queue(qh);
  nfq_close(h);
  return 0;
}
