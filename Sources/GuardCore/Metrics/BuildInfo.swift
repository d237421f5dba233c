/// `dockerguard_build_info{version,swift_version} 1`: which build runs, for joins and dashboards.
enum BuildInfo {
    /// The compiler that built this binary, major.minor (no API gives more at run time).
    static let swiftVersion: String = {
        #if compiler(>=7.0)
        return "7.0+"
        #elseif compiler(>=6.5)
        return "6.5"
        #elseif compiler(>=6.4)
        return "6.4"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }()
}
