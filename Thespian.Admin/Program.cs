using Thespian.Admin;

// The admin ("admin-run"), an actor host ("host") or the thespian-admin command line: see AdminProgram.
return await AdminProgram.RunAsync(args).ConfigureAwait(false);
