package cn.nantong.tongtongzai.matching;

import java.util.Arrays;

/**
 * Minimum-cost maximum flow by successive shortest paths: Dijkstra on reduced costs (Johnson potentials,
 * started by Bellman–Ford because rewards make some costs negative), one augmenting path at a time. The
 * exact core's networks are small once partitioned by community (tens of seats, hundreds of arcs per seat at
 * most), which is where this beats anything cleverer. Integer capacities, long costs.
 */
final class MinCostFlow {

    private static final long UNREACHED = Long.MAX_VALUE / 4;

    private int nodes;
    private int[] head = new int[16];
    private int arcs;
    private int[] next = new int[64];
    private int[] target = new int[64];
    private int[] capacity = new int[64];
    private long[] cost = new long[64];
    /** The capacities as built (less closed arcs), to solve again from. */
    private int[] built;

    MinCostFlow() {
        Arrays.fill(head, -1);
    }

    int addNode() {
        if (nodes == head.length) {
            int old = head.length;
            head = Arrays.copyOf(head, old * 2);
            Arrays.fill(head, old, head.length, -1);
        }
        return nodes++;
    }

    /** An arc and its residual twin (index ^ 1); returns the arc's index. */
    int addArc(int from, int to, int cap, long arcCost) {
        if (arcs + 2 > next.length) {
            int size = next.length * 2;
            next = Arrays.copyOf(next, size);
            target = Arrays.copyOf(target, size);
            capacity = Arrays.copyOf(capacity, size);
            cost = Arrays.copyOf(cost, size);
        }
        int arc = arcs;
        link(from, to, cap, arcCost);
        link(to, from, 0, -arcCost);
        return arc;
    }

    private void link(int from, int to, int cap, long arcCost) {
        target[arcs] = to;
        capacity[arcs] = cap;
        cost[arcs] = arcCost;
        next[arcs] = head[from];
        head[from] = arcs++;
    }

    /** Takes an arc out of the network for the next {@link #solve}. */
    void close(int arc) {
        capacity[arc] = 0;
        if (built != null) {
            built[arc] = 0;
        }
    }

    /** The flow an arc carries once solved. */
    int flow(int arc) {
        return capacity[arc ^ 1];
    }

    /** Sends as much as possible from source to sink at the least cost; returns {flow, cost}. */
    long[] solve(int source, int sink) {
        if (built == null) {
            built = Arrays.copyOf(capacity, arcs);
        } else {
            System.arraycopy(built, 0, capacity, 0, arcs); // starts again from no flow
        }
        long[] potential = bellmanFord(source);
        long[] distance = new long[nodes];
        int[] via = new int[nodes];
        boolean[] done = new boolean[nodes];
        long flow = 0;
        long total = 0;
        Heap heap = new Heap(nodes);
        while (true) {
            Arrays.fill(distance, UNREACHED);
            Arrays.fill(done, false);
            distance[source] = 0;
            heap.clear();
            heap.push(0, source);
            while (!heap.isEmpty()) {
                int u = heap.popNode();
                if (done[u]) {
                    continue;
                }
                done[u] = true;
                if (u == sink) {
                    break; // the rest of the potentials are shifted by the sink's distance below
                }
                for (int a = head[u]; a >= 0; a = next[a]) {
                    int v = target[a];
                    if (capacity[a] > 0 && !done[v] && potential[v] < UNREACHED) {
                        long d = distance[u] + cost[a] + potential[u] - potential[v];
                        if (d < distance[v]) {
                            distance[v] = d;
                            via[v] = a;
                            heap.push(d, v);
                        }
                    }
                }
            }
            if (!done[sink]) {
                return new long[] {flow, total};
            }
            long shift = distance[sink];
            for (int v = 0; v < nodes; v++) {
                if (potential[v] < UNREACHED) {
                    potential[v] += done[v] ? distance[v] : shift;
                }
            }
            int push = Integer.MAX_VALUE;
            for (int v = sink; v != source; v = target[via[v] ^ 1]) {
                push = Math.min(push, capacity[via[v]]);
            }
            for (int v = sink; v != source; v = target[via[v] ^ 1]) {
                capacity[via[v]] -= push;
                capacity[via[v] ^ 1] += push;
                total += push * cost[via[v]];
            }
            flow += push;
        }
    }

    /** Shortest distances from the source over arcs with room (queue-based Bellman–Ford). */
    private long[] bellmanFord(int source) {
        long[] distance = new long[nodes];
        Arrays.fill(distance, UNREACHED);
        distance[source] = 0;
        int[] queue = new int[nodes + 1];
        boolean[] queued = new boolean[nodes];
        int first = 0;
        int size = 1;
        queue[0] = source;
        queued[source] = true;
        while (size > 0) {
            int u = queue[first];
            first = (first + 1) % queue.length;
            size--;
            queued[u] = false;
            for (int a = head[u]; a >= 0; a = next[a]) {
                if (capacity[a] > 0 && distance[u] + cost[a] < distance[target[a]]) {
                    distance[target[a]] = distance[u] + cost[a];
                    if (!queued[target[a]]) {
                        queue[(first + size) % queue.length] = target[a];
                        size++;
                        queued[target[a]] = true;
                    }
                }
            }
        }
        return distance;
    }

    /** A binary heap of (distance, node) with lazy deletion. */
    private static final class Heap {
        private long[] keys;
        private int[] values;
        private int size;

        Heap(int capacity) {
            keys = new long[Math.max(16, capacity)];
            values = new int[keys.length];
        }

        void clear() {
            size = 0;
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(long key, int value) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            int i = size++;
            while (i > 0 && keys[(i - 1) / 2] > key) {
                keys[i] = keys[(i - 1) / 2];
                values[i] = values[(i - 1) / 2];
                i = (i - 1) / 2;
            }
            keys[i] = key;
            values[i] = value;
        }

        int popNode() {
            int top = values[0];
            long key = keys[--size];
            int value = values[size];
            int i = 0;
            while (2 * i + 1 < size) {
                int child = 2 * i + 1;
                if (child + 1 < size && keys[child + 1] < keys[child]) {
                    child++;
                }
                if (keys[child] >= key) {
                    break;
                }
                keys[i] = keys[child];
                values[i] = values[child];
                i = child;
            }
            keys[i] = key;
            values[i] = value;
            return top;
        }
    }
}
