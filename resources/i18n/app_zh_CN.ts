<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>cli</name>
    <message>
        <source>commands:
  lossgui export SESSION.json -o OUT.csv
  lossgui export --loss NAME --input X.npy --target Y.npy [--weight W.npy]
                 [--param KEY=VALUE ...] [--reduction R] [--dtype float32|float64]
                 -o OUT.csv
      write one CSV row per input element (value, target, loss, gradient)
      and OUT.summary.json; see `lossgui export --help`.
</source>
        <translation>命令：
  lossgui export SESSION.json -o OUT.csv
  lossgui export --loss NAME --input X.npy --target Y.npy [--weight W.npy]
                 [--param KEY=VALUE ...] [--reduction R] [--dtype float32|float64]
                 -o OUT.csv
      为输入的每个元素写一行 CSV（值、目标、损失、梯度），
      并写出 OUT.summary.json；详见 `lossgui export --help`。
</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <source>{prog}: error: {message}</source>
        <translation>{prog}：错误：{message}</translation>
    </message>
    <message>
        <source>See exactly what each PyTorch loss computes on your own numbers.</source>
        <translation>在你自己的数据上，精确查看每个 PyTorch 损失函数算了什么。</translation>
    </message>
    <message>
        <source>a session file (.json or .lossgui) to open</source>
        <translation>要打开的会话文件（.json 或 .lossgui）</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>显示程序的版本号并退出</translation>
    </message>
    <message>
        <source>Compute a loss headlessly and write one CSV row per input element (indices, input, activation, target, weights, loss, gradient) plus OUT.summary.json (loss, parameters, reduction, reduced value).</source>
        <translation>无界面地计算损失，为输入的每个元素写一行 CSV（索引、输入、激活值、目标、权重、损失、梯度），并写出 OUT.summary.json（损失函数、参数、归约方式、归约后的值）。</translation>
    </message>
    <message>
        <source>lossgui export: internal error: {error}</source>
        <translation>lossgui export：内部错误：{error}</translation>
    </message>
    <message>
        <source>a session file (.json)</source>
        <translation>会话文件（.json）</translation>
    </message>
    <message>
        <source>the CSV to write</source>
        <translation>要写入的 CSV</translation>
    </message>
    <message>
        <source>torch loss name, e.g. CrossEntropyLoss</source>
        <translation>torch 损失函数名，例如 CrossEntropyLoss</translation>
    </message>
    <message>
        <source>the first tensor</source>
        <translation>第一个张量</translation>
    </message>
    <message>
        <source>the target tensor</source>
        <translation>目标张量</translation>
    </message>
    <message>
        <source>the weight tensor</source>
        <translation>权重张量</translation>
    </message>
    <message>
        <source>any other tensor by torch&apos;s name (pos_weight, var, input2, ...)</source>
        <translation>按 torch 的参数名指定的其他张量（pos_weight、var、input2 等）</translation>
    </message>
    <message>
        <source>a constructor argument, e.g. label_smoothing=0.1 or pos_weight=[3.0]</source>
        <translation>构造函数参数，例如 label_smoothing=0.1 或 pos_weight=[3.0]</translation>
    </message>
    <message>
        <source>none, mean, sum (batchmean for KLDiv)</source>
        <translation>none、mean、sum（KLDivLoss 还可用 batchmean）</translation>
    </message>
    <message>
        <source>float32 (default) or float64</source>
        <translation>float32（默认）或 float64</translation>
    </message>
    <message>
        <source>logits (apply the loss&apos;s activation first; default) or raw</source>
        <translation>logits（先应用该损失的激活函数；默认）或 raw</translation>
    </message>
    <message>
        <source>&apos;{file}&apos; does not exist</source>
        <translation>“{file}”不存在</translation>
    </message>
    <message>
        <source>{file} has no array &apos;{key}&apos; (it has: {names})</source>
        <translation>{file} 中没有数组“{key}”（它含有：{names}）</translation>
    </message>
    <message>
        <source>{file} holds several arrays ({names}); pick one with {file}:NAME</source>
        <translation>{file} 含有多个数组（{names}）；请用 {file}:NAME 指定其中一个</translation>
    </message>
    <message>
        <source>{option} takes true or false, not &apos;{text}&apos;</source>
        <translation>{option} 只接受 true 或 false，而不是“{text}”</translation>
    </message>
    <message>
        <source>{option} takes one of {choices}</source>
        <translation>{option} 只接受以下之一：{choices}</translation>
    </message>
    <message>
        <source>{option}: &apos;{text}&apos; is not a valid {kind}</source>
        <translation>{option}：“{text}”不是有效的 {kind}</translation>
    </message>
    <message>
        <source>--param needs KEY=VALUE, got &apos;{item}&apos;</source>
        <translation>--param 需要 KEY=VALUE 形式，得到的是“{item}”</translation>
    </message>
    <message>
        <source>{loss} has no parameter &apos;{key}&apos; (its parameters: {names})</source>
        <translation>{loss} 没有参数“{key}”（它的参数：{names}）</translation>
    </message>
    <message>
        <source>{loss} has no target; use --tensor NAME=FILE</source>
        <translation>{loss} 没有目标；请使用 --tensor NAME=FILE</translation>
    </message>
    <message>
        <source>--tensor needs NAME=FILE, got &apos;{item}&apos;</source>
        <translation>--tensor 需要 NAME=FILE 形式，得到的是“{item}”</translation>
    </message>
    <message>
        <source>give a session file or --loss, not both</source>
        <translation>请给出会话文件或 --loss，不能同时给出</translation>
    </message>
    <message>
        <source>unknown loss &apos;{loss}&apos;; choose one of: {names}</source>
        <translation>未知的损失函数“{loss}”；请从以下选择：{names}</translation>
    </message>
    <message>
        <source>--loss needs --input (the first tensor)</source>
        <translation>--loss 需要 --input（第一个张量）</translation>
    </message>
    <message>
        <source>give a session file, or --loss with --input and --target</source>
        <translation>请给出会话文件，或同时给出 --loss、--input 和 --target</translation>
    </message>
    <message>
        <source>cannot write {file}: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <source>wrote {csv} and {summary}: {loss} (reduction=&apos;{reduction}&apos;)</source>
        <translation>已写出 {csv} 和 {summary}：{loss}（reduction=&apos;{reduction}&apos;）</translation>
    </message>
    <message>
        <source>lossgui: Qt cannot open a window: missing system libraries {libraries} (sudo apt install {packages}); see README, Set-up</source>
        <extracomment>soname -&gt; the Debian/Ubuntu package that ships it: what ``libqxcb.so`` and ``libQt6XcbQpa.so`` of PySide6 6.x link beyond a minimal system (the list Qt documents for X11, checked with ``ldd`` and ``apt-cache show``).</extracomment>
        <translation>lossgui：Qt 无法打开窗口：缺少系统库 {libraries}（sudo apt install {packages}）；参见 README 的 Set-up 一节</translation>
    </message>
</context>
<context>
    <name>io</name>
    <message>
        <source>&apos;{name}&apos; holds {array_dtype} values; lossgui needs numbers (float, int or bool)</source>
        <extracomment>The suffixes :func:`load_arrays` understands.</extracomment>
        <translation>“{name}”的值类型为 {array_dtype}；lossgui 需要数值（float、int 或 bool）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; has {array_size:,} elements; the limit is {MAX_ELEMENTS:,}</source>
        <translation>“{name}”有 {array_size:,} 个元素；上限为 {MAX_ELEMENTS:,}</translation>
    </message>
    <message>
        <source>not a valid {what} ({exc})</source>
        <translation>不是有效的 {what}（{exc}）</translation>
    </message>
    <message>
        <source>the {what} holds Python objects (a pickle); lossgui never loads pickles because they can run code</source>
        <translation>该 {what} 含有 Python 对象（pickle）；pickle 可能执行代码，lossgui 从不加载</translation>
    </message>
    <message>
        <source>the {what}&apos;s shape {tuple} has {count:,} elements; the limit is {MAX_ELEMENTS:,}</source>
        <translation>该 {what} 的形状 {tuple} 有 {count:,} 个元素；上限为 {MAX_ELEMENTS:,}</translation>
    </message>
    <message>
        <source>the .npy file is damaged or truncated ({exc})</source>
        <translation>.npy 文件已损坏或被截断（{exc}）</translation>
    </message>
    <message>
        <source>not a valid .npz archive ({exc})</source>
        <translation>不是有效的 .npz 压缩包（{exc}）</translation>
    </message>
    <message>
        <source>&apos;{member}&apos; in the archive is damaged or truncated ({exc})</source>
        <translation>压缩包中的“{member}”已损坏或被截断（{exc}）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; in the archive is a pickle; lossgui never loads pickles because they can run code</source>
        <translation>压缩包中的“{name}”是 pickle；pickle 可能执行代码，lossgui 从不加载</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; in the archive is damaged or truncated ({exc})</source>
        <translation>压缩包中的“{name}”已损坏或被截断（{exc}）</translation>
    </message>
    <message>
        <source>the .npz archive holds no arrays</source>
        <translation>.npz 压缩包中没有数组</translation>
    </message>
    <message>
        <source>&apos;{prefix}&apos; is a complex tensor</source>
        <translation>“{prefix}”是复数张量</translation>
    </message>
    <message>
        <source>reading .pt files needs PyTorch, which is not installed here; save the tensors with numpy.save (or tensor.numpy()) instead</source>
        <translation>读取 .pt 文件需要 PyTorch，而这里没有安装；请改用 numpy.save（或 tensor.numpy()）保存张量</translation>
    </message>
    <message>
        <source>cannot read the .pt file: {message}</source>
        <translation>无法读取该 .pt 文件：{message}</translation>
    </message>
    <message>
        <source>the .pt file holds no tensors</source>
        <translation>该 .pt 文件中没有张量</translation>
    </message>
    <message>
        <source>&apos;{file_name}&apos; does not exist or is not a file</source>
        <translation>“{file_name}”不存在或不是文件</translation>
    </message>
    <message>
        <source>cannot read &apos;{file_name}&apos;: {value}</source>
        <translation>无法读取“{file_name}”：{value}</translation>
    </message>
    <message>
        <source>&apos;{strip}&apos;: class indices are whole numbers</source>
        <translation>“{strip}”：类别索引必须是整数</translation>
    </message>
    <message>
        <source>&apos;{strip}&apos; does not fit a 64-bit integer</source>
        <translation>“{strip}”超出了 64 位整数的范围</translation>
    </message>
    <message>
        <source>torch refuses this input, so there is nothing to export: {text}</source>
        <translation>torch 拒绝这个输入，因此没有可导出的内容：{text}</translation>
    </message>
    <message>
        <source>{what} must be a number, not {json_type}</source>
        <extracomment>The strings that stand for non-finite floats.</extracomment>
        <translation>{what} 必须是数值，而不是 {json_type}</translation>
    </message>
    <message>
        <source>{what} must be a number; the only strings allowed are &apos;nan&apos;, &apos;inf&apos; and &apos;-inf&apos;, not &apos;{value}&apos;</source>
        <translation>{what} 必须是数值；唯一允许的字符串是 &apos;nan&apos;、&apos;inf&apos; 和 &apos;-inf&apos;，而不是“{value}”</translation>
    </message>
    <message>
        <source>{what} is too large for a float</source>
        <translation>{what} 太大，超出了 float 的范围</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is nested deeper than {max_ndim} level{value} (lossgui tensors have at most {max_ndim} dimension{value})</source>
        <translation>“{name}”的嵌套超过 {max_ndim} 层（lossgui 的张量最多 {max_ndim} 维）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; must be a list of numbers, not {json_type}</source>
        <translation>“{name}”必须是数值列表，而不是 {json_type}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; mixes numbers and lists at depth {depth} (a tensor must be rectangular)</source>
        <translation>“{name}”在第 {depth} 层混合了数值和列表（张量必须是规则的矩形）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not rectangular: {where} has {n_item} values, the first has {size}</source>
        <translation>“{name}”不是规则的矩形：{where} 有 {n_item} 个值，第一个有 {size} 个</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not rectangular (lists nested unevenly)</source>
        <translation>“{name}”不是规则的矩形（列表嵌套深度不一）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds class indices: whole numbers expected, found {json_type} ({leaf!r})</source>
        <translation>“{name}”存放类别索引：应为整数，却发现 {json_type}（{leaf!r}）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; must hold numbers (&apos;nan&apos;, &apos;inf&apos;, &apos;-inf&apos; allowed as strings); found {json_type} ({leaf!r})</source>
        <translation>“{name}”必须存放数值（允许字符串 &apos;nan&apos;、&apos;inf&apos;、&apos;-inf&apos;）；却发现 {json_type}（{leaf!r}）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds a class index beyond 64 bits</source>
        <translation>“{name}”中有超出 64 位的类别索引</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds a number too large for a float</source>
        <translation>“{name}”中有超出 float 范围的数值</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is one number, not {json_type} (write 6, not [6])</source>
        <translation>“{name}”是单个数值，而不是 {json_type}（应写 6，而不是 [6]）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is empty (shape {shape})</source>
        <translation>“{name}”为空（形状 {shape}）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; has {count:,} values (shape {shape}); the limit is {limit:,}</source>
        <translation>“{name}”有 {count:,} 个值（形状 {shape}）；上限为 {limit:,}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is one number, not an array of shape {array_shape}</source>
        <translation>“{name}”是单个数值，而不是形状为 {array_shape} 的数组</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; must be a list of numbers, not one number</source>
        <translation>“{name}”必须是数值列表，而不是单个数值</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is empty (shape {array_shape})</source>
        <translation>“{name}”为空（形状 {array_shape}）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; has {array_size:,} values (shape {array_shape}); the limit is {limit:,}</source>
        <translation>“{name}”有 {array_size:,} 个值（形状 {array_shape}）；上限为 {limit:,}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds class indices: whole numbers expected, found {array_dtype_name} values</source>
        <translation>“{name}”存放类别索引：应为整数，却发现 {array_dtype_name} 值</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; must hold floats, not {array_dtype_name} values</source>
        <translation>“{name}”必须存放浮点数，而不是 {array_dtype_name} 值</translation>
    </message>
    <message>
        <source>the container is damaged or truncated ({detail})</source>
        <extracomment>``tensors/&lt;name&gt;.npy``: a tensor name is an identifier (no path in it). The dtypes a member may hold (little-endian, as ``np.save`` writes them). The most numbers one member may hold. The largest manifest read (a session&apos;s manifest is a few kilobytes). The most bytes all members may declare together, once decompressed. The most members (a session has at most a handful of tensors). An ``.npy`` header is at most this long (numpy&apos;s own reading limit). Deflate cannot expand data by more than about 1032:1.</extracomment>
        <translation>容器文件已损坏或被截断（{detail}）</translation>
    </message>
    <message>
        <source>not a complete zip container ({exc}); is the file truncated?</source>
        <translation>不是完整的 zip 容器（{exc}）；文件是否被截断了？</translation>
    </message>
    <message>
        <source>the container has {n_infos:,} members; a session has at most {MAX_MEMBERS}</source>
        <translation>容器有 {n_infos:,} 个成员；一个会话最多 {MAX_MEMBERS} 个</translation>
    </message>
    <message>
        <source>unexpected member {name!r} in the container (it holds only {MANIFEST_NAME} and tensors/&lt;name&gt;.npy)</source>
        <translation>容器中有意外的成员 {name!r}（它只应包含 {MANIFEST_NAME} 和 tensors/&lt;name&gt;.npy）</translation>
    </message>
    <message>
        <source>the container holds {name!r} twice</source>
        <translation>容器中 {name!r} 出现了两次</translation>
    </message>
    <message>
        <source>{name!r} is encrypted</source>
        <translation>{name!r} 已加密</translation>
    </message>
    <message>
        <source>{name!r} declares {file_size:,} bytes; the limit is {limit:,}</source>
        <translation>{name!r} 声明了 {file_size:,} 字节；上限为 {limit:,}</translation>
    </message>
    <message>
        <source>the container declares {value:,.1f} GiB of data; the limit is {value2:,.0f} GiB</source>
        <translation>容器声明了 {value:,.1f} GiB 数据；上限为 {value2:,.0f} GiB</translation>
    </message>
    <message>
        <source>the container has no {MANIFEST_NAME}</source>
        <translation>容器中没有 {MANIFEST_NAME}</translation>
    </message>
    <message>
        <source>{name!r} is stored uncompressed, yet declares {file_size:,} bytes in {compress_size:,}</source>
        <translation>{name!r} 以不压缩方式存储，却在 {compress_size:,} 字节中声明了 {file_size:,} 字节</translation>
    </message>
    <message>
        <source>{name!r} declares {file_size:,} bytes from {compress_size:,} compressed, more than deflate can produce (a zip bomb?)</source>
        <translation>{name!r} 声明由 {compress_size:,} 字节压缩数据得到 {file_size:,} 字节，超出 deflate 所能产生的量（zip 炸弹？）</translation>
    </message>
    <message>
        <source>{name!r} uses zip compression method {compress_type}; lossgui reads stored or deflated members only</source>
        <translation>{name!r} 使用 zip 压缩方法 {compress_type}；lossgui 只读取不压缩（stored）或 deflate 压缩的成员</translation>
    </message>
    <message>
        <source>{MANIFEST_NAME} is not UTF-8 text</source>
        <translation>{MANIFEST_NAME} 不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>the container has no {member_name} (the manifest refers to it)</source>
        <translation>容器中没有 {member_name}（清单引用了它）</translation>
    </message>
    <message>
        <source>&apos;{tensor}&apos; has {count:,} values (shape {shape}); the limit is {MAX_BINARY_ELEMENTS:,}</source>
        <translation>“{tensor}”有 {count:,} 个值（形状 {shape}）；上限为 {MAX_BINARY_ELEMENTS:,}</translation>
    </message>
    <message>
        <source>&apos;{tensor}&apos; holds pickled Python objects, which lossgui never loads (they can run code)</source>
        <translation>“{tensor}”含有经 pickle 序列化的 Python 对象，lossgui 从不加载（它们可能执行代码）</translation>
    </message>
    <message>
        <source>&apos;{tensor}&apos; is not a plain {dtype} array</source>
        <translation>“{tensor}”不是普通的 {dtype} 数组</translation>
    </message>
    <message>
        <source>&apos;{tensor}&apos; is not a NumPy .npy array ({exc})</source>
        <translation>“{tensor}”不是 NumPy .npy 数组（{exc}）</translation>
    </message>
    <message>
        <source>&apos;{tensor}&apos; holds {str!r} values; the manifest declares {expected_name} ({str2!r})</source>
        <translation>“{tensor}”的值类型为 {str!r}；清单声明的是 {expected_name}（{str2!r}）</translation>
    </message>
    <message>
        <source>&apos;{tensor}&apos; has shape {tuple}; the manifest declares {tuple2}</source>
        <translation>“{tensor}”的形状为 {tuple}；清单声明的是 {tuple2}</translation>
    </message>
    <message>
        <source>{filename!r} is {file_size:,} bytes; its header describes {size:,}</source>
        <translation>{filename!r} 有 {file_size:,} 字节；其头部描述的是 {size:,} 字节</translation>
    </message>
    <message>
        <source>the manifest is nested too deeply</source>
        <extracomment>The file name extension of containers. Above this many values Save proposes a container: JSON takes about a second per million values each way, a container a few milliseconds. The most values written as JSON by :func:`lossgui.save` (about 40 MB of text, safely under the JSON reader&apos;s file size cap). The keys of a tensor reference in the manifest. Elements narrowed and compared at once when choosing float32 storage.</extracomment>
        <translation>清单嵌套太深</translation>
    </message>
    <message>
        <source>the manifest is not valid JSON: {exc}</source>
        <translation>清单不是有效的 JSON：{exc}</translation>
    </message>
    <message>
        <source>a container&apos;s manifest must be format version 2 or later (version 1 sessions are JSON files)</source>
        <translation>容器的清单必须是第 2 版或更高的格式（第 1 版会话是 JSON 文件）</translation>
    </message>
    <message>
        <source>{where}&apos;s &apos;shape&apos; must be a list of at most 2 sizes, not {json_type}</source>
        <translation>{where} 的 &apos;shape&apos; 必须是最多 2 个尺寸的列表，而不是 {json_type}</translation>
    </message>
    <message>
        <source>{where}&apos;s &apos;shape&apos; must hold whole sizes &gt;= 0</source>
        <translation>{where} 的 &apos;shape&apos; 必须由 &gt;= 0 的整数组成</translation>
    </message>
    <message>
        <source>{where} must be a reference with keys &apos;npy&apos;, &apos;dtype&apos; and &apos;shape&apos; in a container</source>
        <translation>在容器中，{where} 必须是含 &apos;npy&apos;、&apos;dtype&apos; 和 &apos;shape&apos; 键的引用</translation>
    </message>
    <message>
        <source>{where} is not a valid tensor name</source>
        <translation>{where} 不是有效的张量名</translation>
    </message>
    <message>
        <source>{where} must be stored in {expected!r}, not {ref!r}</source>
        <translation>{where} 必须存放在 {expected!r} 中，而不是 {ref!r}</translation>
    </message>
    <message>
        <source>{where}&apos;s &apos;dtype&apos; must be a string</source>
        <translation>{where} 的 &apos;dtype&apos; 必须是字符串</translation>
    </message>
    <message>
        <source>{where} is referred to twice</source>
        <translation>{where} 被引用了两次</translation>
    </message>
    <message>
        <source>unexpected member {member_name!r} in the container (no tensor of the manifest refers to it)</source>
        <translation>容器中有意外的成员 {member_name!r}（清单中没有张量引用它）</translation>
    </message>
    <message>
        <source>not a lossgui session: the file holds a JSON {value}, not an object</source>
        <extracomment>The newest format version this lossgui reads (and writes for containers). The version readable JSON sessions are written as.</extracomment>
        <translation>不是 lossgui 会话：文件中是 JSON {value}，而不是对象</translation>
    </message>
    <message>
        <source>not a lossgui session: &apos;format&apos; is {shown}, expected &apos;{SESSION_FORMAT}&apos;</source>
        <translation>不是 lossgui 会话：&apos;format&apos; 为 {shown}，应为 &apos;{SESSION_FORMAT}&apos;</translation>
    </message>
    <message>
        <source>&apos;version&apos; must be a whole number (the format version)</source>
        <translation>&apos;version&apos; 必须是整数（格式版本号）</translation>
    </message>
    <message>
        <source>the session was written by a newer lossgui (session format {shown}); lossgui {__version__} reads versions up to {SESSION_VERSION}. Update lossgui to open it.</source>
        <translation>该会话由更新版本的 lossgui 写入（会话格式 {shown}）；lossgui {__version__} 只能读取不高于 {SESSION_VERSION} 的版本。请升级 lossgui 后再打开。</translation>
    </message>
    <message>
        <source>&apos;version&apos; {version} is not a session format version</source>
        <translation>&apos;version&apos; {version} 不是会话格式的版本号</translation>
    </message>
    <message>
        <source>the header has two columns named &apos;{name}&apos; (columns {first_at} and {position}); rename one of them, since lossgui picks arrays by name</source>
        <extracomment>The largest text file read (binary formats are bounded by MAX_ELEMENTS).</extracomment>
        <translation>表头中有两列都叫“{name}”（第 {first_at} 列和第 {position} 列）；lossgui 按名称选取数组，请重命名其中一列</translation>
    </message>
    <message>
        <source>the file is {value:,.0f} MiB; text files are limited to {value2} MiB (save large arrays as .npy)</source>
        <translation>文件大小为 {value:,.0f} MiB；文本文件上限为 {value2} MiB（大数组请保存为 .npy）</translation>
    </message>
    <message>
        <source>the file is not UTF-8 text</source>
        <translation>文件不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>the file holds no numbers (it is empty)</source>
        <translation>文件中没有数值（文件为空）</translation>
    </message>
    <message>
        <source>the file has a header row but no numbers</source>
        <translation>文件有表头行，但没有数值</translation>
    </message>
    <message>
        <source>near line {part}: rows have {table_shape} values, earlier rows have {width}</source>
        <translation>第 {part} 行附近：这些行有 {table_shape} 个值，前面的行有 {width} 个</translation>
    </message>
    <message>
        <source>the file has {value:,} numbers; the limit is {MAX_ELEMENTS:,}</source>
        <translation>文件有 {value:,} 个数值；上限为 {MAX_ELEMENTS:,}</translation>
    </message>
    <message>
        <source>the header names {n_names} columns but the rows have {width} values</source>
        <translation>表头列出了 {n_names} 列，但各行有 {width} 个值</translation>
    </message>
    <message>
        <source>empty cell: type a number (nan and inf are allowed)</source>
        <extracomment>The deepest nesting a bracketed block may have. The most numbers one pasted block may hold.</extracomment>
        <translation>空单元格：请输入一个数值（允许 nan 和 inf）</translation>
    </message>
    <message>
        <source>&apos;{shown}&apos; is not a number</source>
        <translation>“{shown}”不是数值</translation>
    </message>
    <message>
        <source>text continues after the closing bracket</source>
        <translation>右括号之后还有文本</translation>
    </message>
    <message>
        <source>nested deeper than {MAX_DEPTH} levels</source>
        <translation>嵌套超过 {MAX_DEPTH} 层</translation>
    </message>
    <message>
        <source>a &apos;]&apos; has no matching &apos;[&apos;</source>
        <translation>“]”没有匹配的“[”</translation>
    </message>
    <message>
        <source>a &apos;,&apos; stands where a number was expected</source>
        <translation>应为数值的位置出现了“,”</translation>
    </message>
    <message>
        <source>&apos;{word}&apos; stands outside the brackets</source>
        <translation>“{word}”位于括号之外</translation>
    </message>
    <message>
        <source>more than {MAX_ELEMENTS:,} numbers</source>
        <translation>数值超过 {MAX_ELEMENTS:,} 个</translation>
    </message>
    <message>
        <source>unexpected text after the numbers</source>
        <translation>数值之后有意外的文本</translation>
    </message>
    <message>
        <source>a &apos;[&apos; is never closed</source>
        <translation>“[”没有闭合</translation>
    </message>
    <message>
        <source>the rows have different lengths (a tensor must be rectangular)</source>
        <translation>各行长度不同（张量必须是规则的矩形）</translation>
    </message>
    <message>
        <source>there are no numbers in the text</source>
        <translation>文本中没有数值</translation>
    </message>
    <message>
        <source>row {number} has {n_cells} values, the first row has {width}</source>
        <translation>第 {number} 行有 {n_cells} 个值，第一行有 {width} 个</translation>
    </message>
    <message>
        <source>row {number}: {exc}</source>
        <translation>第 {number} 行：{exc}</translation>
    </message>
    <message>
        <source>the text is abbreviated with &apos;...&apos;: print the full tensor first (torch.set_printoptions(profile=&apos;full&apos;) or np.set_printoptions(threshold=sys.maxsize))</source>
        <translation>文本用“...”做了省略：请先打印完整的张量（torch.set_printoptions(profile=&apos;full&apos;) 或 np.set_printoptions(threshold=sys.maxsize)）</translation>
    </message>
    <message>
        <source>dtype &apos;{group}&apos; is not supported</source>
        <translation>不支持 dtype“{group}”</translation>
    </message>
    <message>
        <source>the JSON is nested too deeply to be a session</source>
        <extracomment>The largest JSON session file read (about 3,000,000 numbers as lossgui writes them); larger sessions belong in a container.</extracomment>
        <translation>JSON 嵌套过深，不可能是会话文件</translation>
    </message>
    <message>
        <source>not valid JSON (line {lineno}, column {colno}: {msg}); is the file truncated?</source>
        <translation>不是有效的 JSON（第 {lineno} 行，第 {colno} 列：{msg}）；文件是否被截断？</translation>
    </message>
    <message>
        <source>not valid JSON: {exc}</source>
        <translation>不是有效的 JSON：{exc}</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; must be an object</source>
        <translation>&apos;{key}&apos; 必须是对象</translation>
    </message>
    <message>
        <source>&apos;{file_name}&apos; is not a file</source>
        <translation>&apos;{file_name}&apos; 不是文件</translation>
    </message>
    <message>
        <source>the file is {size:,.0f} MiB; JSON sessions are limited to {limit} MiB (larger sessions are saved as {suffix} containers)</source>
        <translation>文件大小为 {size:,.0f} MiB；JSON 会话最大 {limit} MiB（更大的会话请保存为 {suffix} 容器）</translation>
    </message>
    <message>
        <source>&apos;{file_name}&apos; does not exist</source>
        <translation>&apos;{file_name}&apos; 不存在</translation>
    </message>
    <message>
        <source>the file is not UTF-8 text (not a session file)</source>
        <translation>文件不是 UTF-8 文本（不是会话文件）</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; must be a string, not {json_type}</source>
        <extracomment>Every top-level key a version-1 session may have.</extracomment>
        <translation>&apos;{key}&apos; 必须是字符串，而不是 {json_type}</translation>
    </message>
    <message>
        <source>the session has no &apos;{key}&apos;</source>
        <translation>会话中没有 &apos;{key}&apos;</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; must be an object, not {json_type}</source>
        <translation>&apos;{key}&apos; 必须是对象，而不是 {json_type}</translation>
    </message>
    <message>
        <source>the session has no &apos;loss&apos;</source>
        <translation>会话中没有 &apos;loss&apos;</translation>
    </message>
    <message>
        <source>&apos;loss&apos; must be a string, not {json_type}</source>
        <translation>&apos;loss&apos; 必须是字符串，而不是 {json_type}</translation>
    </message>
    <message>
        <source>unknown loss &apos;{name}&apos;{hint}</source>
        <translation>未知的损失函数 &apos;{name}&apos;{hint}</translation>
    </message>
    <message>
        <source>{what} must be true or false, not {json_type}</source>
        <translation>{what} 必须是 true 或 false，而不是 {json_type}</translation>
    </message>
    <message>
        <source>{what} must be a whole number, not {json_type}</source>
        <translation>{what} 必须是整数，而不是 {json_type}</translation>
    </message>
    <message>
        <source>{spec_name} has no parameter &apos;{name}&apos; (its parameters: {known})</source>
        <translation>{spec_name} 没有参数 &apos;{name}&apos;（它的参数：{known}）</translation>
    </message>
    <message>
        <source>&apos;{slot_name}&apos; of {spec_name} must be 2-D (N rows, C columns); it has shape {shape}</source>
        <translation>{spec_name} 的 &apos;{slot_name}&apos; 必须是二维的（N 行、C 列）；它的形状是 {shape}</translation>
    </message>
    <message>
        <source>a one-column &apos;{slot_name}&apos; is stored as a vector: write [a, b, c], not [[a], [b], [c]]</source>
        <translation>只有一列的 &apos;{slot_name}&apos; 按向量存储：写成 [a, b, c]，而不是 [[a], [b], [c]]</translation>
    </message>
    <message>
        <source>&apos;{slot_name}&apos; has shape {shape}, but with &apos;{first}&apos; of this session it must have shape {expected}</source>
        <translation>&apos;{slot_name}&apos; 的形状是 {shape}，但按本会话的 &apos;{first}&apos;，它的形状必须是 {expected}</translation>
    </message>
    <message>
        <source>&apos;tensors&apos; has &apos;{name}&apos;, which {spec_name} does not take (it takes {names_list})</source>
        <translation>&apos;tensors&apos; 中有 &apos;{name}&apos;，但 {spec_name} 不接受它（它接受 {names_list}）</translation>
    </message>
    <message>
        <source>&apos;tensors&apos; has no &apos;{name}&apos; (needed by {spec_name})</source>
        <translation>&apos;tensors&apos; 中没有 &apos;{name}&apos;（{spec_name} 需要它）</translation>
    </message>
    <message>
        <source>{spec_name} has no optional tensor &apos;{name}&apos; (it has: {known})</source>
        <translation>{spec_name} 没有可选张量 &apos;{name}&apos;（它有：{known}）</translation>
    </message>
    <message>
        <source>optional tensor &apos;{name}&apos; must be an object with &apos;enabled&apos; and &apos;values&apos;</source>
        <translation>可选张量 &apos;{name}&apos; 必须是含有 &apos;enabled&apos; 和 &apos;values&apos; 的对象</translation>
    </message>
    <message>
        <source>&apos;{name}.enabled&apos; must be true or false</source>
        <translation>&apos;{name}.enabled&apos; 必须是 true 或 false</translation>
    </message>
</context>
</TS>
