package org.vigil.acquire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.vigil.decode.PathStats;

/** Opens capture files (pcap or pcapng, told apart by their magic) and lists the captures of a folder. */
public final class CaptureReader {
    private CaptureReader() {}

    /**
     * Opens one capture file, memory-mapped. Problems met later while reading (truncation, bad blocks) go to
     * stats with their byte offset; a file that is not a capture at all throws {@link CaptureFormatException}.
     */
    public static CaptureSource open(Path file, PathStats stats) throws IOException {
        MappedCapture in = new MappedCapture(file);
        try {
            if (in.size() < 4) throw new CaptureFormatException(file + ": offset 0: too short for a capture file ("
                    + in.size() + " bytes)");
            int magic = in.u32be(0);
            int swapped = Integer.reverseBytes(magic);
            if (magic == PcapngSource.SHB) return new PcapngSource(in, file, stats);
            for (int m : new int[] {PcapSource.MAGIC_US, PcapSource.MAGIC_NS, PcapSource.MAGIC_KUZ}) {
                if (magic == m || swapped == m) return new PcapSource(in, file, stats);
            }
            throw new CaptureFormatException(file + ": offset 0: not a pcap or pcapng file (magic 0x"
                    + Integer.toHexString(magic) + ")");
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * The captures named by the -r argument: the file itself, or every regular, non-hidden file of the folder
     * (not its subfolders) in name order, each to be read as its own capture.
     */
    public static List<Path> captures(Path fileOrDir) throws IOException {
        if (!Files.isDirectory(fileOrDir)) {
            if (!Files.isReadable(fileOrDir)) throw new IOException(fileOrDir + ": no such readable file");
            return List.of(fileOrDir);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(fileOrDir)) {
            s.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .forEach(out::add);
        }
        return out;
    }
}
