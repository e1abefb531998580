using System.Data;
using System.Data.SqlTypes;
using System.Dynamic;
using Newtonsoft.Json;
using Thespian.Wire;

namespace Thespian.Tests.Wire;

/// <summary>
/// Newtonsoft's built-in converters behind name guards: each still handles exactly its types (so any Newtonsoft
/// user in the process sees no change), and is no longer asked about others.
/// </summary>
public sealed class BuiltInConverterGuardsTests
{
    [OneTimeSetUp]
    public void GuardTheConverters() => Assert.That(BuiltInConverterGuards.Install(), Is.True, "this Newtonsoft version is guarded");

    [Test]
    public void Install_TheFourTypeTestingConverters_AreGuarded()
    {
        var builtIn = BuiltInConverterGuards.BuiltInConverters()!;

        var guarded = builtIn.OfType<GuardedConverter>().Select(g => g.Inner.GetType().Name);

        Assert.That(guarded, Is.EquivalentTo(new[] { "BinaryConverter", "DataSetConverter", "DataTableConverter", "ExpandoObjectConverter" }));
    }

    [Test]
    public void Install_Twice_GuardsOnce()
    {
        BuiltInConverterGuards.Install();
        var builtIn = BuiltInConverterGuards.BuiltInConverters()!;

        Assert.That(builtIn.OfType<GuardedConverter>().Count(g => g.Inner is GuardedConverter), Is.Zero);
    }

    [TestCase(typeof(DataSet), true)]
    [TestCase(typeof(MyDataSet), true)]
    [TestCase(typeof(DataTable), false)]
    [TestCase(typeof(string), false)]
    [TestCase(typeof(object), false)]
    public void CanConvert_DataSetGuard_OnlyTheTypeAndItsSubclasses(Type type, bool expected)
    {
        var guard = new GuardedConverter(new Newtonsoft.Json.Converters.DataSetConverter(), ["System.Data.DataSet"]);

        Assert.That(guard.CanConvert(type), Is.EqualTo(expected));
    }

    [Test]
    public void CanConvert_NullableOfAHandledStruct_IsHandled()
    {
        var guard = new GuardedConverter(new Newtonsoft.Json.Converters.BinaryConverter(), ["System.Data.SqlTypes.SqlBinary"]);

        Assert.That(guard.CanConvert(typeof(SqlBinary?)), Is.True);
    }

    [Test]
    public void Serialize_DataTable_StillAnArrayOfRows()
    {
        var table = new DataTable();
        table.Columns.Add("Name", typeof(string));
        table.Rows.Add("Ada");

        var json = JsonConvert.SerializeObject(table);
        var back = JsonConvert.DeserializeObject<DataTable>(json)!;

        Assert.Multiple(() =>
        {
            Assert.That(json, Is.EqualTo("[{\"Name\":\"Ada\"}]"));
            Assert.That(back.Rows[0]["Name"], Is.EqualTo("Ada"));
        });
    }

    [Test]
    public void Serialize_DataSetSubclass_StillTablesByName()
    {
        var set = new MyDataSet();
        var table = set.Tables.Add("People");
        table.Columns.Add("Age", typeof(int));
        table.Rows.Add(36);

        Assert.That(JsonConvert.SerializeObject(set), Is.EqualTo("{\"People\":[{\"Age\":36}]}"));
    }

    [Test]
    public void RoundTrip_ExpandoObjectAndSqlBinary_StillTheirConverters()
    {
        dynamic expando = new ExpandoObject();
        expando.Answer = 42L;
        var binary = new SqlBinary([1, 2, 3]);

        var expandoBack = (IDictionary<string, object?>)JsonConvert.DeserializeObject<ExpandoObject>(JsonConvert.SerializeObject(expando))!;
        var binaryJson = JsonConvert.SerializeObject(binary);

        Assert.Multiple(() =>
        {
            Assert.That(expandoBack["Answer"], Is.EqualTo(42L));
            Assert.That(binaryJson, Is.EqualTo("\"AQID\""), "base64, as BinaryConverter writes it");
            Assert.That(JsonConvert.DeserializeObject<SqlBinary>(binaryJson).Value, Is.EqualTo(new byte[] { 1, 2, 3 }));
        });
    }

    private sealed class MyDataSet : DataSet;
}
