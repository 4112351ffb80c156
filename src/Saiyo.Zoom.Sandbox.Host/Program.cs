using Saiyo.Zoom.Sandbox;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapZoomSandbox("");
app.Run();
