package dev.marble.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** A bar chart as inline SVG: one bar per round, no script, nothing loaded from anywhere. */
final class SvgBars {

    record Bar(String label, double value) {}

    private static final int WIDTH = 560;
    private static final int HEIGHT = 140;
    private static final int BASE = 120;

    private SvgBars() {}

    static String render(String title, List<Bar> bars, DoubleFunction<String> format) {
        StringBuilder svg = new StringBuilder();
        svg.append("<figure class=\"chart\"><figcaption>")
                .append(Html.escape(title))
                .append("</figcaption>");
        if (bars.isEmpty())
            return svg.append("<p class=\"muted\">no rounds yet</p></figure>").toString();
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        double step = (double) WIDTH / bars.size();
        double width = Math.max(2, step * 0.7);
        svg.append("<svg role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" width=\"100%\" height=\"")
                .append(HEIGHT)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.append("<line x1=\"0\" y1=\"")
                .append(BASE)
                .append("\" x2=\"")
                .append(WIDTH)
                .append("\" y2=\"")
                .append(BASE)
                .append("\" class=\"axis\"/>");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double h = max <= 0 ? 0 : (BASE - 14) * bar.value() / max;
            double x = i * step + (step - width) / 2;
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %s</title></rect>",
                    x,
                    BASE - h,
                    width,
                    h,
                    Html.escape(bar.label()),
                    Html.escape(format.apply(bar.value()))));
            if (bars.size() <= 30) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" class=\"tick\">%s</text>",
                        x + width / 2,
                        BASE + 14,
                        Html.escape(bar.label())));
            }
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"2\" y=\"10\" class=\"tick max\">max %s</text>",
                Html.escape(format.apply(max))));
        return svg.append("</svg></figure>").toString();
    }
}
