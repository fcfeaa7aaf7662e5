package dev.marble.format.program;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a program's model runs on Google Cloud, as LLMProc let {@code [model]} (or {@code [parameters]}) say it
 * ({@code project_id}, {@code region}) for the {@code vertex} providers; the provider falls back to its marble.json
 * entry and then to {@code GOOGLE_CLOUD_PROJECT} and {@code GOOGLE_CLOUD_LOCATION} for what is null here.
 */
public record CloudSettings(String projectId, String region) {

    public static final CloudSettings NONE = new CloudSettings(null, null);

    /**
     * These settings as the program's {@link dev.marble.model.ModelRef#settings}, under the names a marble.json
     * provider entry gives them ({@code project}, {@code location}), so the provider reads one vocabulary.
     */
    public Map<String, String> providerSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (projectId != null && !projectId.isBlank()) settings.put("project", projectId);
        if (region != null && !region.isBlank()) settings.put("location", region);
        return settings;
    }
}
