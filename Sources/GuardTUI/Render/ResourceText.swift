/// CPU and memory figures as the stats columns show them, right-aligned in their widths.
enum ResourceText {
    /// `12.3%`, `250%` (two cores), `-` before the second sample.
    static func percent(_ value: Double?) -> String {
        guard let value else { return pad("-", 6) }
        let tenths = Int((value * 10).rounded())
        let text = value >= 100 ? "\(Int(value.rounded()))%" : "\(tenths / 10).\(tenths % 10)%"
        return pad(text, 6)
    }

    /// `512KiB`, `12.3MiB`, `1.5GiB`, as docker stats writes them.
    static func bytes(_ value: UInt64?) -> String {
        guard let value else { return pad("-", 8) }
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1024, unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        let tenths = Int((amount * 10).rounded())
        let text =
            unit == 0 || amount >= 100
            ? "\(Int(amount.rounded()))\(units[unit])" : "\(tenths / 10).\(tenths % 10)\(units[unit])"
        return pad(text, 8)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(width - text.count, 0)) + text
    }
}
