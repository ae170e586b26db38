using Sophia.Server.Hosting;

if (DatabaseCommands.IsCommand(args))
{
    return DatabaseCommands.Run(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(SophiaArguments.Options(args));
builder.AddSophia();
var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseSophia();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
