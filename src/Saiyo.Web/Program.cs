using Saiyo.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSaiyo();

var app = builder.Build();
app.UseSaiyo();
await app.PrepareDatabaseAsync();
await app.RunAsync();

/// <summary>Entry point; partial so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
