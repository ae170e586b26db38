using Sophia.Server.Hosting;

var builder = WebApplication.CreateBuilder(SophiaArguments.Options(args));
builder.AddSophia();
var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseSophia();
await app.RunAsync();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
