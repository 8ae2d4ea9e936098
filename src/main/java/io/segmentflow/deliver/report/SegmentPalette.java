package io.segmentflow.deliver.report;

import java.awt.Color;

/** One colour per segment, the same in every chart and in the HTML (Tableau 10, readable in print). */
final class SegmentPalette {
    private static final int[] RGB = {0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F,
            0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC};

    private SegmentPalette() {
    }

    /** @param segment 0-based segment index */
    static Color color(int segment) {
        return new Color(RGB[segment % RGB.length]);
    }

    static String hex(int segment) {
        return String.format("#%06X", RGB[segment % RGB.length]);
    }
}
