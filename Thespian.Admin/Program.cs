using Thespian.Admin;

// The admin ("admin-run"), an actor host ("host") or the thespian-admin command line: see AdminProgram.
// Thespian.Admin's own dependencies first: a host may run with another application's deps.json (OwnDependencies).
OwnDependencies.Install();
return await AdminProgram.RunAsync(args).ConfigureAwait(false);
