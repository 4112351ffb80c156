using Saiyo.Zoom.Sandbox;

// Standalone Zoom sandbox: dotnet run --project src/Saiyo.Zoom.Sandbox.Host -- --urls http://127.0.0.1:5090
// Configuration section "ZoomSandbox" binds ZoomSandboxOptions; routes live at the root unless PathPrefix says otherwise.
var builder = WebApplication.CreateBuilder(args);
var section = builder.Configuration.GetSection("ZoomSandbox");
builder.Services.AddZoomSandbox(o =>
{
    o.PathPrefix = "";
    section.Bind(o);
    // The binder appends configured array items to the defaults; configured delays replace them instead.
    if (section.GetSection(nameof(ZoomSandboxOptions.WebhookRetryDelays)).Get<TimeSpan[]>() is { Length: > 0 } delays)
    {
        o.WebhookRetryDelays = delays;
    }
});
var app = builder.Build();
app.UseSecurityHeaders(SandboxSecurityHeaders.Create());
app.MapZoomSandbox();
app.Run();

public partial class Program;
