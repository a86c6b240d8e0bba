package org.redteam.analysis.report;

import java.util.List;

/**
 * A small writer of inline SVG for the report's figures. Every text and attribute value that can come from data
 * passes through {@link #escape}, the one place that turns characters into markup-safe form; element and
 * attribute names and class names are constants of this package. Numbers are written with one decimal in the
 * root locale. The result has no namespace declaration or link: it is meant to sit inside an HTML page.
 */
final class Svg {
    private final StringBuilder s = new StringBuilder(4096);

    Svg(double width, double height, String label) {
        s.append("<svg class=\"figure\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
                .append("\" width=\"").append(n(width)).append("\" height=\"").append(n(height))
                .append("\" role=\"img\" aria-label=\"").append(escape(label)).append("\">");
    }

    Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        s.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append('"');
        return close(cssClass, null);
    }

    /** A line in a series colour (a constant of {@link Figures}). */
    Svg line(double x1, double y1, double x2, double y2, String cssClass, String colour) {
        s.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append('"');
        return close(cssClass, colour);
    }

    Svg rect(double x, double y, double width, double height, String cssClass, String tooltip) {
        s.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
                .append(n(Math.max(0, width))).append("\" height=\"").append(n(Math.max(0, height))).append('"');
        return closeWithTitle(cssClass, null, tooltip, "rect");
    }

    Svg circle(double cx, double cy, double r, String cssClass, String colour, String tooltip) {
        s.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r)).append('"');
        return closeWithTitle(cssClass, colour, tooltip, "circle");
    }

    Svg polyline(List<double[]> points, String cssClass, String colour) {
        s.append("<polyline points=\"");
        for (double[] p : points) {
            s.append(n(p[0])).append(',').append(n(p[1])).append(' ');
        }
        s.append('"');
        return close(cssClass, colour);
    }

    /** Text at (x, y); {@code anchor} is start, middle or end. */
    Svg text(double x, double y, String anchor, String cssClass, String text) {
        s.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(anchor)
                .append("\" class=\"").append(cssClass).append("\">").append(escape(text)).append("</text>");
        return this;
    }

    /** Text rotated a quarter turn anticlockwise about (x, y), for a y-axis title. */
    Svg verticalText(double x, double y, String cssClass, String text) {
        s.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"middle\" transform=\"rotate(-90 ")
                .append(n(x)).append(' ').append(n(y)).append(")\" class=\"").append(cssClass).append("\">")
                .append(escape(text)).append("</text>");
        return this;
    }

    String end() {
        return s + "</svg>";
    }

    /** Ends a line or polyline; a colour is its stroke. */
    private Svg close(String cssClass, String colour) {
        attributes(cssClass, colour == null ? null : " stroke=\"" + colour + '"');
        s.append("/>");
        return this;
    }

    /** Ends a shape with an optional tooltip; a colour is its fill. */
    private Svg closeWithTitle(String cssClass, String colour, String tooltip, String element) {
        attributes(cssClass, colour == null ? null : " fill=\"" + colour + '"');
        if (tooltip == null) {
            s.append("/>");
        } else {
            s.append("><title>").append(escape(tooltip)).append("</title></").append(element).append('>');
        }
        return this;
    }

    private void attributes(String cssClass, String paint) {
        if (cssClass != null) {
            s.append(" class=\"").append(cssClass).append('"');
        }
        if (paint != null) {
            s.append(paint);
        }
    }

    /** {@code v} with one decimal ("12.3", "-0.5"), as {@code String.format("%.1f")} in the root locale would. */
    static String n(double v) {
        if (!Double.isFinite(v)) {
            return "0.0";
        }
        long tenths = Math.round(Math.abs(v) * 10);
        String sign = v < 0 && tenths != 0 ? "-" : "";
        return sign + tenths / 10 + "." + tenths % 10;
    }

    /** Escapes text for an HTML/SVG text node or a double- or single-quoted attribute value. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
