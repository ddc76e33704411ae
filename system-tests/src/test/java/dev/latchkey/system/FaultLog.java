package dev.latchkey.system;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * When which service was made unreachable on purpose (killed, stopped, frozen), by the port it answers on. A call
 * to that very service in that time may go unanswered or hang; a call to any other service may not, even when its
 * work needs the faulted one: then it must answer 503 in time (issue 14).
 */
final class FaultLog {

    /** A little longer than the fault itself: connections cut by it fail a moment later. */
    private static final long MARGIN_NANOS = 500_000_000L;

    private record Window(int port, long from, long to) {
    }

    private final List<Window> closed = new CopyOnWriteArrayList<>();
    private final List<Window> open = new CopyOnWriteArrayList<>();

    void begin(int port) {
        open.add(new Window(port, System.nanoTime(), Long.MAX_VALUE));
    }

    void end(int port) {
        for (Window window : open) {
            if (window.port() == port) {
                open.remove(window);
                closed.add(new Window(port, window.from(), System.nanoTime()));
            }
        }
    }

    /** True when the service on {@code port} was faulted on purpose at some time during the call. */
    boolean excuses(int port, Answer answer) {
        return List.of(open, closed).stream().flatMap(List::stream)
                .anyMatch(w -> w.port() == port && w.from() - MARGIN_NANOS <= answer.endNanos()
                        && answer.startNanos() <= (w.to() == Long.MAX_VALUE ? Long.MAX_VALUE : w.to() + MARGIN_NANOS));
    }
}
