package dev.marble.format.program;

/**
 * Where a program's model runs on Google Cloud, as LLMProc v0.9 let {@code [model]} say it ({@code project_id},
 * {@code region}) for the {@code vertex} providers; the provider falls back to {@code GOOGLE_CLOUD_PROJECT} and
 * {@code GOOGLE_CLOUD_LOCATION} for what is null here.
 */
public record CloudSettings(String projectId, String region) {

    public static final CloudSettings NONE = new CloudSettings(null, null);
}
