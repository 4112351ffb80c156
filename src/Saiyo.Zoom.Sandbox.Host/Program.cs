using Saiyo.Zoom.Sandbox;

// Standalone Zoom sandbox: dotnet run --project src/Saiyo.Zoom.Sandbox.Host -- --urls http://127.0.0.1:5090
// Configuration section "ZoomSandbox" binds ZoomSandboxOptions; routes live at the root unless PathPrefix says otherwise.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddZoomSandbox(o => o.PathPrefix = "");
builder.Services.Configure<ZoomSandboxOptions>(builder.Configuration.GetSection("ZoomSandbox"));
var app = builder.Build();
app.MapZoomSandbox();
app.Run();

public partial class Program;
