// Fixtures run two at a time: most multiproc scenarios spend their time waiting for processes to start and stop, so two
// workers nearly halve the suite's wall time on two cores. Fixtures that touch process-wide state — the singleton
// ActorSystem, network namespaces, collectible-context unloading, timing-sensitive transport loops — are marked
// [NonParallelizable] and run in a shift of their own, never beside another fixture.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
