package org.redteam.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The commands' progress bars: ASCII, redrawn in place on stderr, a newline when closed. */
final class ProgressBars {

    private ProgressBars() {
    }

    /** Builds {@code builder} with the house style, drawing on {@code err}. */
    static ProgressBar onStderr(PrintWriter err, ProgressBarBuilder builder) {
        return builder.setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print('\r');
                    err.print(line);
                    err.flush();
                }, 100) {
                    @Override
                    public void close() {
                        err.println();
                        err.flush();
                    }
                })
                .build();
    }
}
