/// Lines recorded on this project's private engine (overlay2, cgroup v1 with the cgroupfs driver and
/// a cgroup parent of its own): `cat /proc/self/mountinfo` and `/proc/self/cgroup` inside a running
/// container, shortened to the mounts that matter; IDs and upper dirs from `docker inspect`.
/// Long lines are wrapped with `\` (a line continuation: the text is unchanged).
enum RecordedProcFiles {
    /// `docker run --network container:netx`: `/etc/hosts` and friends come from netx's folder,
    /// `/` from the container's own layer, the cgroup names the container itself.
    static let networkContainerMountinfo = """
        111 62 0:50 / / rw,relatime master:1 - overlay overlay rw,lowerdir=/tmp/dgp-rec/data/overlay2/l/LHBBJR4ERSKL\
        NSWAO2WEQC3T5V:/tmp/dgp-rec/data/overlay2/l/7Q5VK6SWI4HL6TCF52EKHXCWAN,upperdir=/tmp/dgp-rec/data/overlay2/5\
        9c70ae64eb3705c41dd5d0b9fd31da5ad65784e57ff60c091747fe45c4d06fa/diff,workdir=/tmp/dgp-rec/data/overlay2/59c7\
        0ae64eb3705c41dd5d0b9fd31da5ad65784e57ff60c091747fe45c4d06fa/work
        112 111 0:53 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw
        120 116 0:32 /dgx-e2e565c624/a96ef895def2a77397ea1e29c29646ec5137e9387d9ab1b76f6cd705e9c26da9 /sys/fs/cgroup\
        /memory ro,nosuid,nodev,noexec,relatime - cgroup cgroup rw,memory
        127 113 0:57 / /dev/shm rw,nosuid,nodev,noexec,relatime - tmpfs shm rw,size=65536k
        128 111 254:0 /tmp/dgp-rec/data/containers/aa99e73ebc8bc552c1adceb03d0020a0193dea8d875a611b2358d50b40f37cd4/\
        resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/vda rw,discard,resv_strict,resuid=65534,resgid=65534
        129 111 254:0 /tmp/dgp-rec/data/containers/aa99e73ebc8bc552c1adceb03d0020a0193dea8d875a611b2358d50b40f37cd4/\
        hostname /etc/hostname rw,relatime - ext4 /dev/vda rw,discard,resv_strict,resuid=65534,resgid=65534
        130 111 254:0 /tmp/dgp-rec/data/containers/aa99e73ebc8bc552c1adceb03d0020a0193dea8d875a611b2358d50b40f37cd4/\
        hosts /etc/hosts rw,relatime - ext4 /dev/vda rw,discard,resv_strict,resuid=65534,resgid=65534
        """

    static let networkContainerCgroup = """
        9:name=systemd:/dgx-e2e565c624/a96ef895def2a77397ea1e29c29646ec5137e9387d9ab1b76f6cd705e9c26da9
        8:pids:/dgx-e2e565c624/a96ef895def2a77397ea1e29c29646ec5137e9387d9ab1b76f6cd705e9c26da9
        7:blkio:/dgx-e2e565c624/a96ef895def2a77397ea1e29c29646ec5137e9387d9ab1b76f6cd705e9c26da9
        6:freezer:/dgx-e2e565c624/a96ef895def2a77397ea1e29c29646ec5137e9387d9ab1b76f6cd705e9c26da9
        5:devices:/dgx-e2e565c624/a96ef895def2a77397ea1e29c29646ec5137e9387d9ab1b76f6cd705e9c26da9
        4:memory:/dgx-e2e565c624/a96ef895def2a77397ea1e29c29646ec5137e9387d9ab1b76f6cd705e9c26da9
        3:cpuset:/dgx-e2e565c624/a96ef895def2a77397ea1e29c29646ec5137e9387d9ab1b76f6cd705e9c26da9
        2:cpuacct:/dgx-e2e565c624/a96ef895def2a77397ea1e29c29646ec5137e9387d9ab1b76f6cd705e9c26da9
        1:cpu:/dgx-e2e565c624/a96ef895def2a77397ea1e29c29646ec5137e9387d9ab1b76f6cd705e9c26da9
        0::/dgx-e2e565c624/a96ef895def2a77397ea1e29c29646ec5137e9387d9ab1b76f6cd705e9c26da9
        """

    static let ownID = "a96ef895def2a77397ea1e29c29646ec5137e9387d9ab1b76f6cd705e9c26da9"
    static let ownUpperDir =
        "/tmp/dgp-rec/data/overlay2/59c70ae64eb3705c41dd5d0b9fd31da5a"
        + "d65784e57ff60c091747fe45c4d06fa/diff"
    /// netx, whose network namespace it shares.
    static let netxID = "aa99e73ebc8bc552c1adceb03d0020a0193dea8d875a611b2358d50b40f37cd4"
    static let netxUpperDir =
        "/tmp/dgp-rec/data/overlay2/d50c3a38438ccb5a9c9cac5b3ceab8dc9"
        + "fa7ec3b06ff70b09110ea297c88c88e/diff"

    /// `docker run --network host --hostname other`.
    static let networkHostMountinfo = """
        146 97 0:60 / / rw,relatime master:4 - overlay overlay rw,lowerdir=/tmp/dgp-rec/data/overlay2/l/3JHAGDCFDVSS\
        NCR5ACUAXHXTGS:/tmp/dgp-rec/data/overlay2/l/7Q5VK6SWI4HL6TCF52EKHXCWAN,upperdir=/tmp/dgp-rec/data/overlay2/f\
        94907f752fb866765272424a6c8ab63effd18a0a8a522df94d97f527dc11cdb/diff,workdir=/tmp/dgp-rec/data/overlay2/f949\
        07f752fb866765272424a6c8ab63effd18a0a8a522df94d97f527dc11cdb/work
        147 146 0:63 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw
        155 151 0:32 /dgx-e2e565c624/c733a364d80a7ae2aece101567a475868b9744367cf5b1151561846515fb77b7 /sys/fs/cgroup\
        /memory ro,nosuid,nodev,noexec,relatime - cgroup cgroup rw,memory
        162 148 0:67 / /dev/shm rw,nosuid,nodev,noexec,relatime - tmpfs shm rw,size=65536k
        163 146 254:0 /tmp/dgp-rec/data/containers/c733a364d80a7ae2aece101567a475868b9744367cf5b1151561846515fb77b7/\
        resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/vda rw,discard,resv_strict,resuid=65534,resgid=65534
        164 146 254:0 /tmp/dgp-rec/data/containers/c733a364d80a7ae2aece101567a475868b9744367cf5b1151561846515fb77b7/\
        hostname /etc/hostname rw,relatime - ext4 /dev/vda rw,discard,resv_strict,resuid=65534,resgid=65534
        165 146 254:0 /tmp/dgp-rec/data/containers/c733a364d80a7ae2aece101567a475868b9744367cf5b1151561846515fb77b7/\
        hosts /etc/hosts rw,relatime - ext4 /dev/vda rw,discard,resv_strict,resuid=65534,resgid=65534
        """
    static let networkHostID = "c733a364d80a7ae2aece101567a475868b9744367cf5b1151561846515fb77b7"
    static let networkHostUpperDir =
        "/tmp/dgp-rec/data/overlay2/f94907f752fb866765272424a6c8ab63e"
        + "ffd18a0a8a522df94d97f527dc11cdb/diff"

    /// The host itself, no container: `/` is ext4, `/etc/hostname` is no bind mount.
    static let hostMountinfo = """
        27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard,resv_strict,resuid=65534,resgid=65534
        22 27 0:21 / /proc rw,relatime - proc proc rw
        """
}
