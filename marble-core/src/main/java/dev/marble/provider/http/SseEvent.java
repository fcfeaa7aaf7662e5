package dev.marble.provider.http;

/**
 * One server-sent event: its type ({@code message} when the stream names none), data, and the last event id
 * the stream had set by then (null if none).
 */
public record SseEvent(String event, String data, String id) {}
