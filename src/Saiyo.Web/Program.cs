var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "Saiyo");
app.Run();

public partial class Program;
