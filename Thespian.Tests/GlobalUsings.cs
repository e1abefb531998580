global using NUnit.Framework;
global using Thespian;
global using Thespian.Tests.Infrastructure;
