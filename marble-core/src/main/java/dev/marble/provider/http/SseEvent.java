package dev.marble.provider.http;

/** One server-sent event: its type ({@code message} when the stream names none), data and id. */
public record SseEvent(String event, String data, String id) {}
