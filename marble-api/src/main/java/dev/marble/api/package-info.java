/**
 * Marble for library users: everything a program that defines and runs agents needs, under one import,
 * {@code import dev.marble.api.*;}.
 * <ul>
 *   <li>{@link dev.marble.api.Agent} and its {@link dev.marble.api.AgentBuilder}: model, instructions, tools,
 *       {@link dev.marble.api.Limits}, {@link dev.marble.api.Approver}, {@link dev.marble.api.StopCondition},
 *       {@link dev.marble.api.AgentListener}; each run gives a {@link dev.marble.api.RunResult}.</li>
 *   <li>Tools: {@link dev.marble.api.Tool} and {@link dev.marble.api.Param} on methods of your objects,
 *       {@link dev.marble.api.Tools} for one-off tools and Marble's own, {@link dev.marble.api.JsonSchema} for their
 *       arguments.</li>
 *   <li>Agents and chains from files: {@link dev.marble.api.AgentFiles}, {@link dev.marble.api.Chains}.</li>
 * </ul>
 *
 * <p>A split package, on purpose: {@code Tool} and {@code Param} are compiled into marble-core, because the engine
 * reads them and a tool file Marble compiles ({@code marble loop --functions Tools.java}) sees only core; every other
 * type here is marble-api's. On the class path the two jars' halves form one package. Java modules forbid split
 * packages, so should Marble become modular, the annotations would move to a package of their own, with the library
 * types re-exported beside them.
 */
package dev.marble.api;
