package dev.dbmigrations.engine.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pictures as standalone SVG, drawn here so that a page shows them with no script and no network:
 * the dependency graph (one column per service, its migrations top to bottom in version order, each
 * declared requirement an arrow) and a bar chart.
 */
public final class Svg {

    private static final int COLUMN = 250;
    private static final int GAP = 90;
    private static final int ROW = 34;
    private static final int BOX_H = 24;
    private static final int TOP = 44;

    private Svg() {
    }

    /**
     * The graph of {@code label} (key {@code service:version} to its text) and {@code edges} (key to
     * the keys it requires). Keys keep the order given, which is service by service, version order.
     */
    public static String graph(Map<String, String> label, Map<String, List<String>> edges) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        label.keySet().forEach(k -> columns.computeIfAbsent(service(k), x -> new ArrayList<>()).add(k));
        Map<String, int[]> at = new LinkedHashMap<>();
        int c = 0;
        int rows = 1;
        for (List<String> keys : columns.values()) {
            for (int r = 0; r < keys.size(); r++) {
                at.put(keys.get(r), new int[] {20 + c * (COLUMN + GAP), TOP + r * ROW});
            }
            rows = Math.max(rows, keys.size());
            c++;
        }
        int width = 40 + Math.max(1, columns.size()) * (COLUMN + GAP) - GAP;
        int height = TOP + rows * ROW + 10;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"dbmigrations-graph\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"dependency graph\">\n")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\""
                        + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#c0392b\"/>"
                        + "</marker></defs>\n");
        c = 0;
        for (String service : columns.keySet()) {
            int x = 20 + c++ * (COLUMN + GAP);
            sb.append("<text x=\"").append(x).append("\" y=\"24\" font-weight=\"bold\" font-size=\"14\">")
                    .append(escape(service)).append("</text>\n");
        }
        for (Map.Entry<String, int[]> e : at.entrySet()) {
            int x = e.getValue()[0];
            int y = e.getValue()[1];
            String text = label.get(e.getKey());
            text = text.substring(text.indexOf(':') + 1);
            boolean outside = text.endsWith("(not in this run)");
            sb.append("<g><title>").append(escape(label.get(e.getKey()))).append("</title><rect x=\"").append(x)
                    .append("\" y=\"").append(y).append("\" width=\"").append(COLUMN).append("\" height=\"").append(BOX_H)
                    .append("\" rx=\"5\" fill=\"").append(outside ? "#f4f4f4" : "#eaf2fb").append("\" stroke=\"")
                    .append(outside ? "#999" : "#2c6fad").append("\"").append(outside ? " stroke-dasharray=\"4 3\"" : "")
                    .append("/><text x=\"").append(x + 8).append("\" y=\"").append(y + 16).append("\">")
                    .append(escape(shorten(text, 36))).append("</text></g>\n");
        }
        for (Map.Entry<String, List<String>> e : edges.entrySet()) {
            int[] from = at.get(e.getKey());
            for (String target : e.getValue()) {
                int[] to = at.get(target);
                if (from == null || to == null) {
                    continue;
                }
                sb.append("<path d=\"").append(curve(from, to)).append("\" fill=\"none\" stroke=\"#c0392b\""
                        + " stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n");
            }
        }
        return sb.append("</svg>\n").toString();
    }

    /** From the requiring box to the required one: between columns edge to edge, within one a loop on the right. */
    private static String curve(int[] from, int[] to) {
        int fy = from[1] + BOX_H / 2;
        int ty = to[1] + BOX_H / 2;
        if (from[0] == to[0]) {
            int x = from[0] + COLUMN;
            int bulge = 30 + Math.min(40, Math.abs(fy - ty) / 6);
            return "M" + x + "," + fy + " C" + (x + bulge) + "," + fy + " " + (x + bulge) + "," + ty + " " + (x + 2) + "," + ty;
        }
        boolean right = to[0] > from[0];
        int fx = right ? from[0] + COLUMN : from[0];
        int tx = right ? to[0] - 2 : to[0] + COLUMN + 2;
        int mid = (fx + tx) / 2;
        return "M" + fx + "," + fy + " C" + mid + "," + fy + " " + mid + "," + ty + " " + tx + "," + ty;
    }

    /** A horizontal bar chart: one bar per label, the value written after it with {@code unit}. */
    public static String bars(List<String> labels, List<Double> values, String unit, String title) {
        int labelWidth = 300;
        int barMax = 360;
        int row = 26;
        int height = 34 + labels.size() * row;
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"dbmigrations-bars\" width=\"")
                .append(labelWidth + barMax + 110).append("\" height=\"").append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"").append(escape(title))
                .append("\">\n<text x=\"0\" y=\"16\" font-weight=\"bold\">").append(escape(title)).append("</text>\n");
        for (int i = 0; i < labels.size(); i++) {
            int y = 28 + i * row;
            int w = max <= 0 ? 0 : (int) Math.max(2, Math.round(values.get(i) / max * barMax));
            sb.append("<text x=\"").append(labelWidth - 8).append("\" y=\"").append(y + 14)
                    .append("\" text-anchor=\"end\">").append(escape(shorten(labels.get(i), 44))).append("</text>")
                    .append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y).append("\" width=\"").append(w)
                    .append("\" height=\"18\" fill=\"#2c6fad\"/>")
                    .append("<text x=\"").append(labelWidth + w + 6).append("\" y=\"").append(y + 14).append("\">")
                    .append(escape(number(values.get(i)) + " " + unit)).append("</text>\n");
        }
        return sb.append("</svg>\n").toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String service(String key) {
        return key.substring(0, key.indexOf(':'));
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Text for XML and HTML. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
