package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vigil.defrag.FragPolicyResolver;
import org.vigil.flow.FlowEndListener;
import org.vigil.stats.PathStats;
import org.vigil.testing.Corpus;

class DecodePipelineTest {
    private record Result(long records, boolean readable) {}

    /** Walks every corpus capture through the whole path; returns records per relative path. */
    private static Map<String, Result> walk(Path corpus, String set, PathStats stats, long[] delivered) throws IOException {
        Map<String, Result> out = new HashMap<>();
        DecodePipeline pipe = new DecodePipeline(PathConfig.defaults(), FragPolicyResolver.suricataDefault(), stats,
                p -> {
                    delivered[0]++;
                    if (p.flow() != null) delivered[1]++;
                    if (p.isPseudo()) delivered[2]++;
                    if (p.isReassembled()) delivered[3]++;
                }, FlowEndListener.NONE);
        List<Path> files;
        try (Stream<Path> s = Files.walk(corpus.resolve("pcaps").resolve(set))) {
            files = s.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString();
                return n.endsWith(".pcap") || n.endsWith(".pcapng") || n.endsWith(".cap");
            }).sorted().toList();
        }
        for (Path f : files) {
            long before = stats.packets;
            boolean ok = pipe.runCapture(f);
            out.put(corpus.relativize(f).toString(), new Result(stats.packets - before, ok));
        }
        return out;
    }

    private static void compare(String set) throws IOException {
        Path corpus = Corpus.dir();
        PathStats stats = new PathStats();
        long[] delivered = new long[4];
        Map<String, Result> got = walk(corpus, set, stats, delivered);
        List<String> lines = Files.readAllLines(corpus.resolve("expected/tshark-packets-" + set + ".txt"));
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f.length < 3 || !f[2].equals("ok")) continue;
            Result r = got.get(f[1]);
            if (r == null) continue;
            compared++;
            long want = Long.parseLong(f[0]);
            if (r.records() != want) disagreements.add(f[1] + ": tshark " + want + ", vigil " + r.records()
                    + (r.readable() ? "" : " (unreadable)"));
        }
        System.out.printf("%s: %d captures, %d compared with tshark, %d packets, %d delivered (%d with flow, %d pseudo,"
                        + " %d reassembled), %d decoder events, %d flows, %d capture errors, %d unreadable%n",
                set, got.size(), compared, stats.packets, delivered[0], delivered[1], delivered[2], delivered[3],
                stats.totalEvents(), stats.flowsCreated, stats.captureErrors, stats.capturesUnreadable);
        disagreements.forEach(d -> System.out.println("DISAGREE " + d));
        assertTrue(compared > 500, "compared only " + compared);
        assertEquals(List.of(), disagreements, "packet counts that disagree with tshark");
        assertTrue(stats.totalEvents() > 0, "decoder events are counted");
        assertTrue(stats.flowsCreated > 0);
    }

    @Test
    void zeekCapturesGoThroughAndPacketCountsAgreeWithTshark() throws IOException {
        compare("zeek");
    }

    @Test
    void tcpdumpCapturesGoThroughAndPacketCountsAgreeWithTshark() throws IOException {
        compare("tcpdump");
    }
}
