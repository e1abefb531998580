using Thespian.Admin;

// The thespian-admin tool: the same program as Thespian.Admin.dll, installed by dotnet tool install.
return await AdminProgram.RunAsync(args).ConfigureAwait(false);
