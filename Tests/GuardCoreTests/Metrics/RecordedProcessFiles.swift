@testable import GuardCore

/// Recorded on this project's CI machine (Debian 12, x86_64; 100 clock ticks a second, 4 KiB
/// pages): a Python process that had renamed itself `dg) (x y` with prctl(PR_SET_NAME), so its
/// comm holds the characters that make `/proc/self/stat` hard to split.
enum RecordedProcessFiles {
    static let stat = """
        11838 (dg) (x y) R 11836 11836 23363 0 -1 4194304 2157 6346 1 0 5 1 6 1 20 0 1 0 1196920 17145856 3452 \
        18446744073709551615 94870964264960 94870964265301 140728780836352 0 0 0 0 16781312 2 0 0 0 17 1 0 0 0 0 0 \
        94870964276656 94870964277272 94871259734016 140728780843049 140728780843286 140728780843286 \
        140728780845007 0

        """

    /// The head of `/proc/stat`, with its `btime` line.
    static let systemStat = """
        cpu  1167688 15733 324662 834591 9164 0 10499 31378 0 0
        cpu0 552647 8334 160618 454097 2921 0 2606 15696 0 0
        cpu1 615041 7399 164044 380493 6243 0 7893 15681 0 0
        intr 152417383 0 9 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
        ctxt 286614210
        btime 1796159341
        processes 1218391
        procs_running 3
        procs_blocked 0

        """

    static let limits = """
        Limit                     Soft Limit           Hard Limit           Units
        Max cpu time              unlimited            unlimited            seconds
        Max file size             unlimited            unlimited            bytes
        Max data size             unlimited            unlimited            bytes
        Max stack size            8388608              unlimited            bytes
        Max core file size        0                    unlimited            bytes
        Max resident set          unlimited            unlimited            bytes
        Max processes             96364                96364                processes
        Max open files            20000                20000                files
        Max locked memory         8388608              8388608              bytes
        Max address space         unlimited            unlimited            bytes

        """

    static let units = ProcessSample.Units(ticksPerSecond: 100, pageSize: 4096)
}
