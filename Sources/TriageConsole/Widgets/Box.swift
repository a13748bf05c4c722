/// A framed box with a title, for modals, the editor and the help overlay.
public enum Box {
    /// Draws the frame and clears the inside; returns the inside rectangle.
    @discardableResult
    public static func draw(
        _ rect: Rect, title: String?, in buffer: inout ScreenBuffer, theme: Theme, glyphs: Glyphs, fill: StyleRole = .normal
    )
        -> Rect
    {
        guard rect.width >= 2 && rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        buffer.fill(rect, style: theme[fill])
        let border = theme[.border]
        let h = String(repeating: glyphs.horizontal, count: rect.width - 2)
        buffer.put("\(glyphs.corners.topLeft)\(h)\(glyphs.corners.topRight)", x: rect.x, y: rect.y, style: border)
        buffer.put("\(glyphs.corners.bottomLeft)\(h)\(glyphs.corners.bottomRight)", x: rect.x, y: rect.y + rect.height - 1, style: border)
        for y in (rect.y + 1)..<(rect.y + rect.height - 1) {
            buffer.put(String(glyphs.vertical), x: rect.x, y: y, style: border)
            buffer.put(String(glyphs.vertical), x: rect.x + rect.width - 1, y: y, style: border)
        }
        if let title, rect.width > 6 {
            buffer.put(" \(title) ", x: rect.x + 2, y: rect.y, style: theme[.title], maxWidth: rect.width - 4)
        }
        return rect.inset(1)
    }

    /// A rectangle of at most `width` × `height` centred in `area`.
    public static func centered(width: Int, height: Int, in area: Rect) -> Rect {
        let w = min(width, area.width)
        let h = min(height, area.height)
        return Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
    }
}

/// Horizontal bars and sparklines for the stats dashboard.
public enum Chart {
    /// A bar of `value / maximum` of `width` cells.
    public static func bar(_ value: Double, maximum: Double, width: Int, glyphs: Glyphs) -> String {
        guard width > 0, maximum > 0 else { return "" }
        let filled = Int((value / maximum * Double(width)).rounded())
        return String(repeating: glyphs.bar, count: max(0, min(width, filled)))
    }

    /// One character per value, scaled between the smallest and largest.
    public static func sparkline(_ values: [Int], glyphs: Glyphs) -> String {
        guard let maximum = values.max(), maximum > 0 else { return String(repeating: glyphs.spark[0], count: values.count) }
        let levels = glyphs.spark.count - 1
        return String(values.map { glyphs.spark[Int((Double($0) / Double(maximum) * Double(levels)).rounded())] })
    }
}
