package cn.nantong.tongtongzai.matching;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups tasks into time windows such that all tasks of a window share a moment — so a member takes at
 * most one task of each window. Greedy stabbing (earliest end first) gives the fewest windows; where
 * tasks' times are either the same or apart (the usual 上午/下午/晚上 slots), two tasks overlap exactly when
 * they share a window.
 */
final class TimeWindows {

    private TimeWindows() {
    }

    /** The window number of each task. */
    static Map<TaskFact, Integer> of(List<TaskFact> tasks) {
        List<TaskFact> byEnd = tasks.stream().sorted(Comparator.comparingLong(TaskFact::end).thenComparingLong(TaskFact::start)).toList();
        Map<TaskFact, Integer> windows = new HashMap<>();
        int window = -1;
        for (int i = 0; i < byEnd.size(); i++) {
            TaskFact task = byEnd.get(i);
            if (windows.containsKey(task)) {
                continue;
            }
            window++;
            long moment = task.end() - 1; // the last minute of the earliest-ending task left
            for (int j = i; j < byEnd.size(); j++) {
                TaskFact other = byEnd.get(j);
                if (!windows.containsKey(other) && other.start() <= moment && moment < other.end()) {
                    windows.put(other, window);
                }
            }
        }
        return windows;
    }
}
